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

from .language import words

STEM_PREFIX = 5


# People often type Azerbaijani without its letters ("tarixde" for "tarixdə").
FOLD = str.maketrans("əışçğöü", "eiscgou")


def tokens(text: str) -> list[str]:
    """Word tokens, Azerbaijani letters folded, cut to five letters (numbers kept whole)."""
    return [w if w.isdigit() else w.translate(FOLD)[:STEM_PREFIX] for w in words(text)]


class BM25:
    """Scores every document of a fixed corpus for a query; read-only after construction."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.docs = [Counter(doc) for doc in corpus]
        self.lengths = [len(doc) for doc in corpus]
        self.avg = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.postings: dict[str, list[int]] = {}
        for i, doc in enumerate(self.docs):
            for term in doc:
                self.postings.setdefault(term, []).append(i)

    def scores(self, query: Sequence[str]) -> list[float]:
        out = [0.0] * len(self.docs)
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i in self.postings[term]:
                tf = self.docs[i][term]
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg or 1))
                out[i] += idf * tf * (self.k1 + 1) / norm
        return out

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The ``k`` best (document index, score) pairs with a positive score."""
        scored = [(i, s) for i, s in enumerate(self.scores(query)) if s > 0]
        scored.sort(key=lambda pair: -pair[1])
        return scored[:k]
