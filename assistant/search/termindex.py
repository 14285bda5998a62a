"""The sparse terms of every text (storage/terms.py) as postings: each feature's texts and
weights are one slice of two arrays, so scoring a question against the whole index costs one
vector addition per feature of the question (a few hundred), whatever the index's size.

    >>> from assistant.storage.terms import pack
    >>> index = TermIndex.build([pack(np.array([1, 2]), np.array([3.0, 4.0])), ""])
    >>> [round(float(s), 2) for s in index.scores(np.array([2]), np.array([1.0]))]
    [0.8, 0.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..storage.terms import FEATURES, unpack


class TermIndex:
    """Sparse terms of a fixed list of texts, by feature; read-only after construction."""

    def __init__(
        self, size: int, offsets: npt.NDArray[np.int64], rows: npt.NDArray[np.int32],
        weights: npt.NDArray[np.float32],
    ) -> None:  # fmt: skip
        self.size, self.offsets, self.rows, self.weights = size, offsets, rows, weights

    @classmethod
    def build(cls, codes: Sequence[str]) -> TermIndex:
        """The index of texts whose packed terms are ``codes`` ("" for a text without)."""
        return cls._from_triples(len(codes), *_triples(codes, first=0))

    @classmethod
    def _from_triples(
        cls, size: int, features: npt.NDArray[np.int64], rows: npt.NDArray[np.int32],
        weights: npt.NDArray[np.float32],
    ) -> TermIndex:  # fmt: skip
        order = np.lexsort((rows, features))
        counts = np.bincount(features, minlength=FEATURES)
        offsets = np.zeros(FEATURES + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return cls(size, offsets, rows[order], weights[order])

    def scores(
        self, features: npt.NDArray[np.int32], weights: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float32]:
        """Each text's dot product with a question's terms (cosine: both are normalised)."""
        out = np.zeros(self.size, dtype=np.float32)
        for feature, weight in zip(features.tolist(), weights.tolist(), strict=True):
            start, end = self.offsets[feature], self.offsets[feature + 1]
            if end > start:
                out[self.rows[start:end]] += weight * self.weights[start:end]
        return out

    def edited(self, keep: npt.NDArray[np.bool_], added: Sequence[str]) -> TermIndex:
        """This index without the texts where ``keep`` is False, with ``added`` appended."""
        counts = np.diff(self.offsets)
        features = np.repeat(np.arange(FEATURES, dtype=np.int64), counts)
        kept = keep[self.rows]
        renumber = (np.cumsum(keep) - 1).astype(np.int32)
        new_features, new_rows, new_weights = _triples(added, first=int(keep.sum()))
        return TermIndex._from_triples(
            int(keep.sum()) + len(added),
            np.concatenate([features[kept], new_features]),
            np.concatenate([renumber[self.rows[kept]], new_rows]),
            np.concatenate([self.weights[kept], new_weights]),
        )

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """The arrays, for :meth:`from_state` (see search/parts.py)."""
        return {"term_offsets": self.offsets, "term_rows": self.rows, "term_weights": self.weights}

    @classmethod
    def from_state(cls, size: int, arrays: Mapping[str, npt.NDArray[Any]]) -> TermIndex:
        """The index :meth:`state` described; ValueError when the parts do not fit."""
        offsets, rows, weights = arrays["term_offsets"], arrays["term_rows"], arrays["term_weights"]
        if (
            len(offsets) != FEATURES + 1
            or len(rows) != len(weights)
            or int(offsets[-1]) != len(rows)
            or (len(rows) and int(rows.max()) >= size)
        ):
            raise ValueError("the terms index does not fit together")
        return cls(size, offsets, rows, weights)


def _triples(
    codes: Sequence[str], first: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """(feature, row, weight) of every term of ``codes``, rows numbered from ``first``."""
    unpacked = [unpack(code) for code in codes]
    lengths = [len(f) for f, _ in unpacked]
    features = np.concatenate([f for f, _ in unpacked] or [np.zeros(0, np.int32)])
    weights = np.concatenate([w for _, w in unpacked] or [np.zeros(0, np.float32)])
    rows = np.repeat(np.arange(first, first + len(codes), dtype=np.int32), lengths)
    return features.astype(np.int64), rows, weights.astype(np.float32)
