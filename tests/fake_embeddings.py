"""A deterministic embedder whose similarities can be computed by hand (like simonw/llm's
``EmbedDemo``): a text's vector counts the words of a fixed vocabulary in it, normalised.

    >>> fake = WordCountEmbeddings(["baku", "forum", "may"])
    >>> fake.embed_query("Baku forum")
    [0.7071067811865475, 0.7071067811865475, 0.0, 0.0]

A text with none of the words points along the last axis ("other"), so it is similar only to
other such texts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from assistant.storage.embeddings import NamedEmbeddings
from assistant.text.words import words


class WordCountEmbeddings(NamedEmbeddings):
    """Counts of ``vocabulary`` words (lower-case, exact), plus one axis for "none of them"."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.vocabulary = list(vocabulary)
        self.dim = len(self.vocabulary) + 1
        self.name = "fake-word-counts:" + ",".join(self.vocabulary)

    def _vector(self, text: str) -> list[float]:
        counts = [float(words(text).count(w)) for w in self.vocabulary]
        if not any(counts):
            return [0.0] * len(self.vocabulary) + [1.0]
        norm = math.sqrt(sum(c * c for c in counts))
        return [c / norm for c in counts] + [0.0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
