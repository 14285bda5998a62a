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
        terms: dict[str, int] = {}
        postings = _postings(corpus, terms, first=0)
        lengths = np.fromiter((len(doc) for doc in corpus), dtype=np.float64, count=len(corpus))
        self._set(list(terms), *postings, lengths, k1, b)

    def _set(
        self,
        terms: list[str],
        term_of: npt.NDArray[np.int64],
        doc_ids: npt.NDArray[np.int32],
        freqs: npt.NDArray[np.float32],
        lengths: npt.NDArray[np.float64],
        k1: float = K1,
        b: float = B,
    ) -> None:
        """Index postings given as (term, document, frequency) triples, sorted by term then
        document, over documents of ``lengths`` words."""
        size = len(lengths)
        avg = float(lengths.mean()) if size and lengths.sum() else 1.0
        norms = k1 * (1 - b + b * lengths / avg)
        counts = np.bincount(term_of, minlength=len(terms)).astype(np.int64)
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        idf = np.log(1 + (size - counts + 0.5) / (counts + 0.5))
        f = freqs.astype(np.float64)
        self.weights = np.repeat(idf, counts) * f * (k1 + 1) / (f + norms[doc_ids])
        self.size, self.k1, self.b = size, k1, b
        self.terms = {term: k for k, term in enumerate(terms)}
        self.offsets, self.doc_ids, self.freqs, self.lengths = offsets, doc_ids, freqs, lengths

    def edited(self, keep: npt.NDArray[np.bool_], added: Sequence[Sequence[str]]) -> BM25:
        """This index without the documents where ``keep`` is False, with ``added`` appended
        (numbered after the kept ones, in order); scores as if built from that corpus."""
        counts = np.diff(self.offsets)
        term_of = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        kept = keep[self.doc_ids]
        renumber = (np.cumsum(keep) - 1).astype(np.int32)
        terms = dict(self.terms)
        new_terms, new_docs, new_freqs = _postings(added, terms, first=int(keep.sum()))
        term_of = np.concatenate([term_of[kept], new_terms])
        doc_ids = np.concatenate([renumber[self.doc_ids[kept]], new_docs])
        freqs = np.concatenate([self.freqs[kept], new_freqs])
        order = np.lexsort((doc_ids, term_of))
        added_lengths = np.fromiter((len(doc) for doc in added), dtype=np.float64, count=len(added))
        index = BM25.__new__(BM25)
        index._set(
            list(terms), term_of[order], doc_ids[order], freqs[order],
            np.concatenate([self.lengths[keep], added_lengths]), self.k1, self.b,
        )  # fmt: skip
        return index

    def state(self) -> tuple[int, list[str], dict[str, npt.NDArray[Any]]]:
        """Everything the index holds, for :meth:`from_state` (see snapshot.py)."""
        arrays: dict[str, npt.NDArray[Any]] = {
            "offsets": self.offsets,
            "doc_ids": self.doc_ids,
            "weights": self.weights,
            "freqs": self.freqs,
            "lengths": self.lengths,
        }
        return self.size, list(self.terms), arrays

    @classmethod
    def from_state(
        cls, size: int, terms: list[str], arrays: Mapping[str, npt.NDArray[Any]]
    ) -> BM25:
        """The index :meth:`state` described; ValueError when the parts do not fit."""
        offsets, doc_ids, weights = arrays["offsets"], arrays["doc_ids"], arrays["weights"]
        freqs, lengths = arrays["freqs"], arrays["lengths"]
        if (
            len(offsets) != len(terms) + 1
            or len(doc_ids) != len(weights)
            or len(doc_ids) != len(freqs)
            or len(lengths) != size
            or int(offsets[-1]) != len(doc_ids)
            or (len(doc_ids) and int(doc_ids.max()) >= size)
        ):
            raise ValueError("BM25 state does not fit together")
        index = cls.__new__(cls)
        index.size, index.k1, index.b = size, K1, B
        index.terms = {term: k for k, term in enumerate(terms)}
        index.offsets, index.doc_ids, index.weights = offsets, doc_ids, weights
        index.freqs, index.lengths = freqs, lengths
        return index

    def scores(self, query: Sequence[str]) -> list[float]:
        """The score of every document, in corpus order."""
        return [float(x) for x in self.row_scores(query)]

    def row_scores(self, query: Sequence[str]) -> npt.NDArray[np.float64]:
        """The score of every document, in corpus order, as an array."""
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
        scores = self.row_scores(query)
        positive = np.flatnonzero(scores > 0)
        if k <= 0 or positive.size == 0:
            return []
        if positive.size > k:  # keep the k best and everything tied with the k-th
            kth = np.partition(scores[positive], positive.size - k)[positive.size - k]
            positive = positive[scores[positive] >= kth]
        best = positive[np.lexsort((positive, -scores[positive]))[:k]]
        return [(int(i), float(scores[i])) for i in best]


def _postings(
    corpus: Sequence[Sequence[str]], terms: dict[str, int], first: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """(term, document, frequency) of every posting of ``corpus``, sorted by term then
    document; documents numbered from ``first``, new terms added to ``terms``."""
    term_of: list[int] = []
    docs: list[int] = []
    freqs: list[int] = []
    for i, doc in enumerate(corpus, start=first):
        for term, tf in Counter(doc).items():
            term_of.append(terms.setdefault(term, len(terms)))
            docs.append(i)
            freqs.append(tf)
    t, d = np.array(term_of, dtype=np.int64), np.array(docs, dtype=np.int32)
    order = np.lexsort((d, t))
    return t[order], d[order], np.array(freqs, dtype=np.float32)[order]
