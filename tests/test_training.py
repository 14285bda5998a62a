"""The question map's fitting (training/adapt.py) on data whose answer is known: questions
that sit in a fixed rotation away from the texts that answer them, as a question's form sits
away from its answer's."""

from __future__ import annotations

import numpy as np

from assistant.search.adapter import Adapter
from training import adapt

DIM = 16
TURN = 1.0  # how far questions sit from their answers


def _rotation(skew: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    """exp(skew), a rotation, by its series."""
    out, term = np.eye(DIM), np.eye(DIM)
    for k in range(1, 30):
        term = term @ skew / k
        out = out + term
    return out


def _problem(seed: int, texts: int, questions: int) -> adapt.Pairs:
    """Texts at random; each question is its answer's vector turned by one fixed rotation,
    plus a little noise."""
    rng = np.random.default_rng(seed)
    skew = np.random.default_rng(0).normal(size=(DIM, DIM))
    turn = _rotation(TURN * (skew - skew.T) / np.sqrt(2 * DIM))
    vectors = rng.normal(size=(texts, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    answers = rng.integers(0, texts, size=questions)
    asked = vectors[answers] @ turn.T + 0.05 * rng.normal(size=(questions, DIM))
    asked /= np.linalg.norm(asked, axis=1, keepdims=True)
    ids = [f"doc#s{i}" for i in range(texts)]
    return adapt.Pairs(asked.astype(np.float32), vectors, ids, [[int(a)] for a in answers])


def test_the_question_map_learns_what_answers_questions_like_these() -> None:
    """Fitted on one set of texts and questions, the map finds the answers of questions about
    other texts, where the plain vectors rarely do; the same data gives the same map."""
    fitting, unseen = _problem(1, 200, 800), _problem(2, 200, 200)
    fitted = adapt.fit(fitting, 0.001, "fake")
    assert adapt.hit_at_1(Adapter(), unseen) < 0.5  # measured 0.42
    assert adapt.hit_at_1(fitted, unseen) > 0.85  # measured 0.92
    again = adapt.fit(fitting, 0.001, "fake")
    assert again.matrix is not None and fitted.matrix is not None
    assert np.array_equal(again.matrix, fitted.matrix)


def test_a_strong_pull_to_the_identity_leaves_the_vectors_alone() -> None:
    fitted = adapt.fit(_problem(1, 200, 800), 1000.0, "fake")
    assert fitted.matrix is not None
    assert np.abs(fitted.matrix - np.eye(DIM)).max() < 0.01


def test_every_training_document_is_in_exactly_one_group() -> None:
    documents = [f"2026-01-{d:02d}-report" for d in range(1, 14)]
    groups = adapt.folds(documents)
    assert len(groups) == adapt.FOLDS
    assert sorted(d for g in groups for d in g) == sorted(documents)
    assert all(groups) and groups == adapt.folds(list(reversed(documents)))
