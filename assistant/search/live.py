"""The scoring parts of an index whose base collection is followed by deltas, answering as if
built from its live records alone, at the cost of the deltas.

A delta hides records of the base (removed, or replaced by a newer version) and adds its own.
Editing the base's arrays on every update (BM25 postings and weights, sparse terms, vectors:
hundreds of MB at 100k sentences) took seconds and rewrote them all into the next snapshot
(docs/BENCHMARKS.md, "Issue 16"). Here the base's arrays stay as they are, mapped from its
snapshot; the deltas' live records have small arrays of their own ("extra"); a question
scores both and keeps the live rows in the order an edit gives them: the base's live rows,
then the extra ones. So row ``i`` here is row ``i`` of the edited index, and every score is
the one it would have.

BM25's weights depend on every live document (a term's document count, the average length),
so they are worked out for the postings a question touches, by the same arithmetic as
:class:`~assistant.search.bm25.BM25` over the live documents: the same scores, bit for bit
(``tests/test_updates.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..reading.columns import UnitColumns
from ..storage.mapped import RowReader
from ..text.grams import grams
from ..text.safety import looks_like_instruction
from .bm25 import BM25, tokens
from .overlay import Overlay
from .parts import Parts
from .termindex import TermIndex
from .vocabulary import Vocabulary

Rows = npt.NDArray[np.int64]


@dataclass(frozen=True)
class IndexParts:
    """Everything queries need in memory besides the vector collections, for the live
    records in order: the base's that no delta hides, then the deltas'."""

    units: UnitColumns
    bm25: BM25 | LiveBM25
    grams: BM25 | LiveBM25
    terms: TermIndex | LiveTerms
    vocabulary: Vocabulary
    suspect: frozenset[str]  # sentence ids that read like instructions to an AI
    vectors: RowReader | LiveVectors  # rows read when a question needs them
    delta_ids: tuple[tuple[str, ...], ...] = ()  # record ids in each delta collection


def live_parts(base: Parts, overlay: Overlay) -> IndexParts:
    """What queries read of ``base`` with ``overlay`` on top: the parts a build of the live
    records would have, made at the cost of the overlay (and a pass over the base's ids)."""
    if not overlay.delta_ids:
        return IndexParts(base.units, base.bm25, base.grams, base.terms, base.vocabulary,
                          base.suspect, RowReader(base.vectors))  # fmt: skip
    table, extra = base.units, overlay.extra
    keep = np.fromiter((r not in overlay.hidden for r in table.record_ids), bool, len(table))
    live, gone = np.flatnonzero(keep), np.flatnonzero(~keep).tolist()
    texts = [table.columns["text"][i] for i in gone]
    units = table.joined(keep, extra.units)
    touched = {table.sentence_ids[i] for i in gone} | set(extra.units.sentence_ids)
    flagged = {
        sid
        for sid, text in zip(units.sentence_ids, units.columns["text"], strict=True)
        if sid in touched and looks_like_instruction(text)
    }
    return IndexParts(
        units=units,
        bm25=LiveBM25(base.bm25, extra.bm25, live, [tokens(t) for t in texts]),
        grams=LiveBM25(base.grams, extra.grams, live, [grams(t) for t in texts]),
        terms=LiveTerms(base.terms, extra.terms, live),
        vocabulary=base.vocabulary.edited(texts, extra.units.columns["text"]),
        suspect=frozenset((base.suspect - touched) | flagged),
        vectors=LiveVectors(RowReader(base.vectors), np.asarray(extra.vectors), live),
        delta_ids=overlay.delta_ids,
    )


class LiveBM25:
    """BM25 over the live documents of ``base`` (its rows ``live``, in order) followed by
    those of ``extra``; ``hidden`` holds the terms of each base document that is not live."""

    def __init__(
        self, base: BM25, extra: BM25, live: Rows, hidden: Sequence[Sequence[str]]
    ) -> None:
        self.base, self.extra, self.live = base, extra, live
        self.size = len(live) + extra.size
        k1, b = base.k1, base.b
        lengths = np.concatenate([base.lengths[live], extra.lengths])
        avg = float(lengths.mean()) if self.size and lengths.sum() else 1.0
        self.norms = k1 * (1 - b + b * base.lengths / avg)
        self.extra_norms = k1 * (1 - b + b * extra.lengths / avg)
        # Documents per term among the live ones: the base's terms, then the extra's new terms
        # (the order an edit numbers them in).
        counts = np.diff(base.offsets).astype(np.int64)
        for term, n in Counter(t for doc in hidden for t in set(doc)).items():
            counts[base.terms[term]] -= n
        in_base = np.array([base.terms.get(t, -1) for t in extra.terms], dtype=np.int64)
        extra_counts = np.diff(extra.offsets).astype(np.int64)
        shared = in_base >= 0
        np.add.at(counts, in_base[shared], extra_counts[shared])
        counts = np.concatenate([counts, extra_counts[~shared]])
        idf = np.log(1 + (self.size - counts + 0.5) / (counts + 0.5))
        self.idf = idf[: len(base.terms)]
        self.extra_idf = np.empty(len(extra.terms), dtype=np.float64)
        self.extra_idf[shared] = idf[in_base[shared]]
        self.extra_idf[~shared] = idf[len(base.terms) :]

    def row_scores(self, query: Sequence[str]) -> npt.NDArray[np.float64]:
        """The score of every live document, in order, as an array."""
        base, extra = self.base, self.extra
        out = np.zeros(base.size, dtype=np.float64)
        added = np.zeros(extra.size, dtype=np.float64)
        for term in set(query):
            k = base.terms.get(term)
            if k is not None:
                _add(out, base, k, self.idf[k], self.norms)
            k = extra.terms.get(term)
            if k is not None:
                _add(added, extra, k, self.extra_idf[k], self.extra_norms)
        return np.concatenate([out[self.live], added])

    def scores(self, query: Sequence[str]) -> list[float]:
        """The score of every live document, in order."""
        return [float(x) for x in self.row_scores(query)]


def _add(
    out: npt.NDArray[np.float64],
    index: BM25,
    k: int,
    idf: np.float64,
    norms: npt.NDArray[np.float64],
) -> None:
    """Add term ``k``'s weight in each of its documents of ``index`` to ``out``: the weight
    :meth:`BM25._set` gives it, computed the same way."""
    start, end = index.offsets[k], index.offsets[k + 1]
    rows = index.doc_ids[start:end]
    f = index.freqs[start:end].astype(np.float64)
    out[rows] += idf * f * (index.k1 + 1) / (f + norms[rows])


class LiveTerms:
    """Sparse terms of the live texts of ``base`` (its rows ``live``) followed by ``extra``'s."""

    def __init__(self, base: TermIndex, extra: TermIndex, live: Rows) -> None:
        self.base, self.extra, self.live = base, extra, live
        self.size = len(live) + extra.size

    def scores(
        self, features: npt.NDArray[np.int32], weights: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float32]:
        """Each live text's dot product with a question's terms, in order."""
        base = self.base.scores(features, weights)[self.live]
        return np.concatenate([base, self.extra.scores(features, weights)])


class LiveVectors:
    """The vectors of the live texts: rows ``live`` of the base's (read, not mapped), then
    ``extra``."""

    def __init__(self, base: RowReader, extra: npt.NDArray[np.float32], live: Rows) -> None:
        self.base, self.extra, self.live = base, extra, live

    def take(self, rows: Sequence[int]) -> npt.NDArray[np.float32]:
        """The vectors of live rows ``rows``, in that order."""
        wanted = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(wanted), self.extra.shape[1]), dtype=np.float32)
        inside = wanted < len(self.live)
        if inside.any():
            out[inside] = self.base.take(self.live[wanted[inside]].tolist())
        out[~inside] = self.extra[wanted[~inside] - len(self.live)]
        return out
