"""Okapi BM25 over short texts, on word stems (:func:`assistant.text.words.stem`: folded
Azerbaijani letters, first five letters), which suits agglutinative Azerbaijani.

    >>> index = BM25([["baku", "forum"], ["kyzylorda", "forum"]])
    >>> [round(s, 3) for s in index.scores(["baku"])]
    [0.693, 0.0]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..text.scripts import to_latin
from ..text.words import stem, words

_CYRILLIC = re.compile(r"[а-яё]")

# Okapi's usual constants (Robertson & Zaragoza): term-frequency saturation and length
# normalisation. Not tuned here: sentences are short and similar in length.
K1 = 1.5
B = 0.75


def tokens(text: str) -> list[str]:
    """The stems BM25 indexes and queries; a Cyrillic word also by its Latin spelling, so
    names and shared words match across scripts (``Россбах`` and ``Rossbach``):
    ``"Bakıda 2025 Россбах"`` -> ``["baki", "2025", "россб", "rossb"]``."""
    out = []
    for word in words(text):
        out.append(stem(word))
        if _CYRILLIC.search(word):
            out.append(stem(to_latin(word)))
    return out


class BM25:
    """Scores every document of a fixed corpus for a query; read-only after construction.

    Postings are stored compressed-row style: each term's documents and precomputed BM25
    weights are one slice of two numpy arrays, so a query costs one vector addition per
    query term instead of a Python loop over every posting (at 100k sentences a common
    term has tens of thousands), and the whole index saves and loads as four arrays.
    """

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        size = len(corpus)
        lengths = np.fromiter((len(doc) for doc in corpus), dtype=np.float64, count=size)
        avg = float(lengths.mean()) if size and lengths.sum() else 1.0
        norms = k1 * (1 - b + b * lengths / avg)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, doc in enumerate(corpus):
            for term, tf in Counter(doc).items():
                docs, tfs = postings.setdefault(term, ([], []))
                docs.append(i)
                tfs.append(tf)
        terms = list(postings)
        counts = np.fromiter((len(postings[t][0]) for t in terms), dtype=np.int64)
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        doc_ids = np.fromiter(
            (i for t in terms for i in postings[t][0]), dtype=np.int32, count=int(offsets[-1])
        )
        freqs = np.fromiter(
            (f for t in terms for f in postings[t][1]), dtype=np.float64, count=int(offsets[-1])
        )
        idf = np.log(1 + (size - counts + 0.5) / (counts + 0.5))
        weights = np.repeat(idf, counts) * freqs * (k1 + 1) / (freqs + norms[doc_ids])
        self._set(size, terms, offsets, doc_ids, weights)

    def _set(
        self,
        size: int,
        terms: list[str],
        offsets: npt.NDArray[np.int64],
        doc_ids: npt.NDArray[np.int32],
        weights: npt.NDArray[np.float64],
    ) -> None:
        self.size = size
        self.terms = {term: k for k, term in enumerate(terms)}
        self.offsets, self.doc_ids, self.weights = offsets, doc_ids, weights

    def state(self) -> tuple[int, list[str], dict[str, npt.NDArray[Any]]]:
        """Everything the index holds, for :meth:`from_state` (see snapshot.py)."""
        arrays: dict[str, npt.NDArray[Any]] = {
            "offsets": self.offsets,
            "doc_ids": self.doc_ids,
            "weights": self.weights,
        }
        return self.size, list(self.terms), arrays

    @classmethod
    def from_state(
        cls, size: int, terms: list[str], arrays: Mapping[str, npt.NDArray[Any]]
    ) -> BM25:
        """The index :meth:`state` described; ValueError when the parts do not fit."""
        offsets, doc_ids, weights = arrays["offsets"], arrays["doc_ids"], arrays["weights"]
        if (
            len(offsets) != len(terms) + 1
            or len(doc_ids) != len(weights)
            or int(offsets[-1]) != len(doc_ids)
            or (len(doc_ids) and int(doc_ids.max()) >= size)
        ):
            raise ValueError("BM25 state does not fit together")
        index = cls.__new__(cls)
        index._set(
            size,
            terms,
            offsets.astype(np.int64, copy=False),
            doc_ids.astype(np.int32, copy=False),
            weights.astype(np.float64, copy=False),
        )
        return index

    def scores(self, query: Sequence[str]) -> list[float]:
        """The score of every document, in corpus order."""
        return [float(x) for x in self._scores(query)]

    def _scores(self, query: Sequence[str]) -> npt.NDArray[np.float64]:
        out = np.zeros(self.size, dtype=np.float64)
        for term in set(query):
            k = self.terms.get(term)
            if k is not None:  # a term occurs once in a document's posting: no repeats
                start, end = self.offsets[k], self.offsets[k + 1]
                out[self.doc_ids[start:end]] += self.weights[start:end]
        return out

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The ``k`` best (document index, score) pairs with a positive score, best first
        (ties by corpus order)."""
        scores = self._scores(query)
        positive = np.flatnonzero(scores > 0)
        if k <= 0 or positive.size == 0:
            return []
        if positive.size > k:  # keep the k best and everything tied with the k-th
            kth = np.partition(scores[positive], positive.size - k)[positive.size - k]
            positive = positive[scores[positive] >= kth]
        best = positive[np.lexsort((positive, -scores[positive]))[:k]]
        return [(int(i), float(scores[i])) for i in best]
