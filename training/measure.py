"""Figures of a fitted ranker on a split: ranking, candidates, and the decision it leads to.

On every split, per language and overall: hit@1 and hit@3 of the ranking (answerable
questions), candidate recall (a right sentence among the candidates at all), and, with the
thresholds, facts (answered with a right sentence, of the answerable questions), wrong (answered
with a wrong sentence, of the answers given), abstention precision and recall (not answering,
against the questions the knowledge does not answer; a "closest" reply counts as not
answering), and the questions given the closest sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.search.features import FEATURES
from assistant.search.ranker import Linear, Model, Thresholds

from .collect import Example
from .fit import TARGETS, fit_trees, hit, probabilities, stack, thresholds, top_right

ABLATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dense only", ("dense_",)),
    ("+ sparse terms", ("dense_", "sparse_")),
    ("+ BM25", ("dense_", "sparse_", "bm25_")),
    ("+ character 4-grams", ("dense_", "sparse_", "bm25_", "grams_")),
    ("+ context (title, previous sentence, document)",
     ("dense_", "sparse_", "bm25_", "grams_", "title_", "prev_", "has_prev", "doc_")),
    ("all features", ("",)),
)  # fmt: skip


def figures(
    ranker: Model, decision: Linear, limits: Thresholds, examples: Sequence[Example]
) -> dict[str, float]:
    answerable = [e for e in examples if e.answerable]
    p = probabilities(decision, examples, ranker) if examples else np.zeros(0)
    answered = p >= limits.answer
    closest = (p >= limits.closest) & ~answered
    right = np.array([top_right(ranker, e) for e in examples], dtype=bool)
    unanswerable = np.array([not e.answerable for e in examples], dtype=bool)
    abstained = ~answered
    n_ans = max(1, len(answerable))
    return {
        "questions": float(len(examples)),
        "answerable": float(len(answerable)),
        "hit@1": _mean([hit(ranker, e, 1) for e in answerable]),
        "hit@3": _mean([hit(ranker, e, 3) for e in answerable]),
        "candidates": _mean([bool(e.labels.any()) for e in answerable]),
        "facts": float((answered & right & ~unanswerable).sum() / n_ans),
        "wrong": float((answered & ~right).sum() / max(1, answered.sum())),
        "abstain_p": float((abstained & unanswerable).sum() / max(1, abstained.sum())),
        "abstain_r": float((abstained & unanswerable).sum() / max(1, unanswerable.sum())),
        "closest": float(closest.sum() / max(1, len(examples))),
    }


def by_language(
    ranker: Model, decision: Linear, limits: Thresholds, examples: Sequence[Example]
) -> dict[str, dict[str, float]]:
    rows = {"all": figures(ranker, decision, limits, examples)}
    for language in ("en", "az", "ru"):
        subset = [e for e in examples if e.question.language == language]
        if subset:
            rows[language] = figures(ranker, decision, limits, subset)
    return rows


def targets(
    ranker: Model, decision: Linear, dev: Sequence[Example], test: Sequence[Example]
) -> list[tuple[float, float, dict[str, float], dict[str, float]]]:
    """Per answered-precision target: the answer threshold dev gives, and the figures it leads
    to on dev and on test (searches over the split's whole knowledge)."""
    dev = [e for e in dev if not e.alone]
    test = [e for e in test if not e.alone]
    rows = []
    for target in TARGETS:
        limits = thresholds(ranker, decision, dev, target)
        rows.append(
            (
                target,
                limits.answer,
                figures(ranker, decision, limits, dev),
                figures(ranker, decision, limits, test),
            )
        )
    return rows


def ablation(train: Sequence[Example], dev: Sequence[Example]) -> list[tuple[str, float, float]]:
    """(signals, dev hit@1, dev hit@3) for boosted-tree rankers fitted on growing sets of
    features, and for the hand-set weights the assistant ranked with before."""
    x, y = stack(train)
    out = [("hand-set weights (before this ranker)", *_hand_set(dev))]
    for name, prefixes in ABLATIONS:
        keep = np.array([any(f.startswith(p) for p in prefixes) for f in FEATURES])
        ranker = fit_trees(x * keep, y)
        answerable = [e for e in dev if e.answerable]
        masked = [_masked(e, keep) for e in answerable]
        out.append((name, _mean([hit(ranker, e, 1) for e in masked]),
                    _mean([hit(ranker, e, 3) for e in masked])))  # fmt: skip
    return out


def _masked(e: Example, keep: np.ndarray) -> Example:  # type: ignore[type-arg]
    from dataclasses import replace

    return replace(e, features=(e.features * keep).astype(np.float32))


def _hand_set(dev: Sequence[Example]) -> tuple[float, float]:
    """The ranking of the release before the learned ranker: dense + 0.3 x context + 0.03 x
    BM25 share - 0.06 for a headline (its fitted weights)."""
    hits1, hits3 = [], []
    col = {f: i for i, f in enumerate(FEATURES)}
    for e in dev:
        if not e.answerable:
            continue
        f = e.features
        bm25 = f[:, col["bm25_best"]] / (f[:, col["bm25_best"]].max() or 1.0)
        context = np.maximum(f[:, col["title_dense"]], f[:, col["prev_dense"]])
        context = np.where(context > 0, context, f[:, col["dense_best"]])
        score = f[:, col["dense_best"]] + 0.3 * context + 0.03 * bm25 - 0.06 * f[:, col["is_title"]]
        order = np.lexsort((np.arange(len(score)), -score))
        hits1.append(bool(e.labels[order[:1]].any()))
        hits3.append(bool(e.labels[order[:3]].any()))
    return _mean(hits1), _mean(hits3)


def _mean(values: Sequence[bool] | Sequence[float]) -> float:
    return float(np.mean(values)) if len(values) else 0.0
