"""Okapi BM25 over short texts, with a crude prefix stemmer that suits agglutinative
Azerbaijani ("Bakıda", "Bakının" -> "bakı").

    >>> index = BM25([["baku", "forum"], ["kyzylorda", "forum"]])
    >>> [round(s, 3) for s in index.scores(["baku"])]
    [0.693, 0.0]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .language import words

STEM_PREFIX = 5


# People often type Azerbaijani without its letters ("tarixde" for "tarixdə").
FOLD = str.maketrans("əışçğöü", "eiscgou")


def tokens(text: str) -> list[str]:
    """Word tokens, Azerbaijani letters folded, cut to five letters (numbers kept whole)."""
    return [w if w.isdigit() else w.translate(FOLD)[:STEM_PREFIX] for w in words(text)]


class BM25:
    """Scores every document of a fixed corpus for a query; read-only after construction.

    Each term's postings hold its documents and their precomputed BM25 weights as numpy
    arrays, so a query costs one vector addition per query term instead of a Python loop
    over every posting (at 100k sentences a common term has tens of thousands).
    """

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.size = len(corpus)
        lengths = np.fromiter((len(doc) for doc in corpus), dtype=np.float64, count=self.size)
        avg = float(lengths.mean()) if self.size and lengths.sum() else 1.0
        norms = k1 * (1 - b + b * lengths / avg)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, doc in enumerate(corpus):
            for term, tf in Counter(doc).items():
                docs, tfs = postings.setdefault(term, ([], []))
                docs.append(i)
                tfs.append(tf)
        self.postings: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]] = {}
        for term, (docs, tfs) in postings.items():
            ids = np.asarray(docs, dtype=np.int32)
            counts = np.asarray(tfs, dtype=np.float64)
            idf = math.log(1 + (self.size - len(docs) + 0.5) / (len(docs) + 0.5))
            weight = idf * counts * (k1 + 1) / (counts + norms[ids])
            self.postings[term] = (ids, weight)

    def scores(self, query: Sequence[str]) -> list[float]:
        """The score of every document, in corpus order."""
        return [float(x) for x in self._scores(query)]

    def _scores(self, query: Sequence[str]) -> npt.NDArray[np.float64]:
        out = np.zeros(self.size, dtype=np.float64)
        for term in set(query):
            posting = self.postings.get(term)
            if posting is not None:
                out[posting[0]] += posting[1]  # a term occurs once per document's posting
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
