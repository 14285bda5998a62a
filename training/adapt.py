"""Fitting the question map of the tuned dense signal (:mod:`assistant.search.adapter`).

A matrix ``W`` (identity to start) maps each training question's vector so that the texts of
the sentences that answer it come first among its knowledge's texts: a softmax over every
text, the answering texts' share maximised, with ``strength * |W - I|^2`` keeping it near the
identity. Full batch, a fixed number of Adam steps on one thread, no randomness: the same
data gives the same matrix on one machine.

The ranker must not learn to trust a map that has seen its training questions, so the
training documents' examples are searched with a map fitted without them (:func:`folds`:
the training documents in five groups; each group's questions searched with the map fitted
on the other four). Dev and test are searched with the map fitted on all training questions,
whose strength dev chooses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.search.adapter import Adapter
from assistant.search.loaded import LoadedIndex

STRENGTHS = (0.1, 0.03, 0.01, 0.003)  # tried on dev, in this order (ties: the first)
FOLDS = 5
STEPS = 300
RATE = 1e-3
TEMPERATURE = 0.02  # the softmax's: cosines of this model differ by hundredths


@dataclass(frozen=True)
class Pairs:
    """Questions' vectors, their knowledge's text vectors, and which texts answer each."""

    questions: npt.NDArray[np.float32]  # (questions, dim)
    texts: npt.NDArray[np.float32]  # (texts, dim)
    sentence_ids: Sequence[str]  # of each text
    answers: list[list[int]]  # texts answering each question (never empty)


def pairs(index: LoadedIndex, vectors: Sequence[npt.NDArray[np.float32]],
          answers: Sequence[set[str]]) -> Pairs:  # fmt: skip
    """The questions (``vectors``, with the sentence ids that answer each) that some text of
    ``index`` answers."""
    sids = list(index.table.sentence_ids)
    texts = index.vectors_of(list(range(len(sids)))).astype(np.float32)
    kept, rows = [], []
    for vector, wanted in zip(vectors, answers, strict=True):
        found = [r for r, sid in enumerate(sids) if sid in wanted]
        if found:
            kept.append(vector)
            rows.append(found)
    dim = texts.shape[1]
    matrix = np.asarray(kept, dtype=np.float32).reshape(-1, dim)
    return Pairs(matrix, texts, sids, rows)


def fit(data: Pairs, strength: float, embedder: str) -> Adapter:
    """The map fitted on ``data`` (the identity when there is nothing to fit on)."""
    import torch

    dim = data.texts.shape[1]
    if not data.answers:
        return Adapter(np.eye(dim, dtype=np.float32), embedder)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # sums in one order: the same data gives the same matrix
    try:
        return _fitted(data, strength, embedder, torch)
    finally:
        torch.set_num_threads(threads)


def _fitted(data: Pairs, strength: float, embedder: str, torch: Any) -> Adapter:
    dim = data.texts.shape[1]
    questions = torch.tensor(data.questions)
    texts = torch.tensor(data.texts)
    mask = torch.zeros(len(data.answers), len(texts), dtype=torch.bool)
    for i, rows in enumerate(data.answers):
        mask[i, rows] = True
    eye = torch.eye(dim)
    weights = eye.clone().requires_grad_(True)
    optimiser = torch.optim.Adam([weights], lr=RATE)
    for _ in range(STEPS):
        mapped = questions @ weights
        mapped = mapped / mapped.norm(dim=1, keepdim=True)
        logits = mapped @ texts.T / TEMPERATURE
        missed = torch.logsumexp(logits, 1) - torch.logsumexp(logits.masked_fill(~mask, -1e9), 1)
        loss = missed.mean() + strength * ((weights - eye) ** 2).sum()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return Adapter(weights.detach().numpy().astype(np.float32), embedder)


def hit_at_1(adapter: Adapter, data: Pairs) -> float:
    """Share of the questions whose tuned vector's nearest sentence (best over its texts)
    answers them."""
    if not data.answers:
        return 0.0
    hits = 0
    for vector, rows in zip(data.questions, data.answers, strict=True):
        scores = data.texts @ adapter.apply(vector)
        best = data.sentence_ids[int(np.argmax(scores))]
        hits += best in {data.sentence_ids[r] for r in rows}
    return hits / len(data.answers)


def folds(documents: Sequence[str]) -> list[set[str]]:
    """The training documents in :data:`FOLDS` groups, by the SHA-256 of their ids."""
    ordered = sorted(documents, key=lambda d: hashlib.sha256(d.encode()).hexdigest())
    return [set(ordered[i::FOLDS]) for i in range(FOLDS)]
