"""The learned ranker and the calibrated decision, as plain data (JSON), scored with numpy.

``python -m training fit`` writes the model (training/DATA_CARD.md, README "The ranker"):

* ``ranker``: gradient-boosted trees (or a logistic regression, whichever ranked dev better)
  over :data:`~assistant.search.features.FEATURES`: each candidate's logit of answering the
  question. Candidates are ranked by it.
* ``decision``: a logistic regression over what the ranker says of the best candidate
  (:func:`decision_row`), giving the probability that it answers; fitted on the training
  documents' out-of-fold scores.
* ``thresholds``: chosen on the dev documents: at or above ``answer`` the assistant answers;
  at or above ``closest`` it gives the closest sentences its sources have, labelled as not a
  direct answer; below, it abstains.

Scoring imports nothing but numpy (scikit-learn, which fits it, takes over a second to import).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError
from .features import FEATURES

DEFAULT_MODEL = Path(__file__).with_name("ranker.json")
# Not the margin over the next candidate: when several sources give the answer, the best ones
# are close and all right ("When is WUF13?"); with it the decision ranked dev worse (AUC 0.766
# against 0.787 without).
DECISION_FEATURES = ("top_logit", "top_typed", "top_words", "uncovered", "top_agreed")


@dataclass(frozen=True)
class Linear:
    """A logistic regression: standardise, then weights and a bias."""

    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: float

    def logits(self, x: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        return (
            (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        ) @ self.weights + self.bias

    def to_json(self, names: tuple[str, ...]) -> dict[str, Any]:
        return {
            "features": list(names),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], names: tuple[str, ...], where: str) -> Linear:
        _same_features(data, names, where)
        mean, scale, weights = (
            np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "weights")
        )
        shapes = {a.shape for a in (mean, scale, weights)}
        if shapes != {(len(names),)} or not np.all(scale > 0):
            raise ConfigError(f"The ranker model {where} is damaged (its weights do not fit).")
        return cls(mean, scale, weights, float(data["bias"]))


@dataclass(frozen=True)
class Trees:
    """Gradient-boosted trees (scikit-learn's histogram trees, exported): every tree's nodes
    in flat arrays; a candidate's logit is the bias plus the leaf value it reaches in each."""

    feature: npt.NDArray[np.int64]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int64]  # node index (in the flat arrays); -1 at a leaf
    right: npt.NDArray[np.int64]
    missing_left: npt.NDArray[np.bool_]
    value: npt.NDArray[np.float64]
    roots: npt.NDArray[np.int64]  # each tree's first node
    bias: float
    depth: int

    def logits(self, x: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        x = np.asarray(x, dtype=np.float64)
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        for _ in range(self.depth):
            inner = self.left[node] >= 0
            if not inner.any():
                break
            value = x[rows, self.feature[node]]
            go_left = np.where(
                np.isnan(value), self.missing_left[node], value <= self.threshold[node]
            )
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        out: npt.NDArray[np.float64] = self.value[node].sum(axis=1) + self.bias
        return out

    def to_json(self, names: tuple[str, ...]) -> dict[str, Any]:
        return {
            "features": list(names),
            "feature": self.feature.tolist(),
            "threshold": self.threshold.tolist(),
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "missing_left": self.missing_left.astype(int).tolist(),
            "value": self.value.tolist(),
            "roots": self.roots.tolist(),
            "bias": self.bias,
            "depth": self.depth,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], names: tuple[str, ...], where: str) -> Trees:
        _same_features(data, names, where)
        trees = cls(
            np.asarray(data["feature"], dtype=np.int64),
            np.asarray(data["threshold"], dtype=np.float64),
            np.asarray(data["left"], dtype=np.int64),
            np.asarray(data["right"], dtype=np.int64),
            np.asarray(data["missing_left"], dtype=bool),
            np.asarray(data["value"], dtype=np.float64),
            np.asarray(data["roots"], dtype=np.int64),
            float(data["bias"]),
            int(data["depth"]),
        )
        n = len(trees.value)
        arrays = (trees.feature, trees.threshold, trees.left, trees.right, trees.missing_left)
        inner = trees.left >= 0
        if (
            any(len(a) != n for a in arrays)
            or (inner & ((trees.feature < 0) | (trees.feature >= len(names)))).any()
            or (trees.left >= n).any() or (trees.right >= n).any()
            or (trees.roots < 0).any() or (trees.roots >= n).any()
        ):  # fmt: skip
            raise ConfigError(f"The ranker model {where} is damaged (its trees do not fit).")
        return trees


Model = Linear | Trees


def _same_features(data: dict[str, Any], names: tuple[str, ...], where: str) -> None:
    """Refuse a model fitted on other features than this version computes."""
    if tuple(data["features"]) != names:
        raise ConfigError(
            f"The ranker model {where} was trained on other features than this version "
            "computes. Retrain it with `python -m training fit`, or unset ASSISTANT_RANKER."
        )


def model_from_json(data: dict[str, Any], names: tuple[str, ...], where: str) -> Model:
    """A linear model or trees, by what the data holds."""
    if "roots" in data:
        return Trees.from_json(data, names, where)
    return Linear.from_json(data, names, where)


@dataclass(frozen=True)
class Thresholds:
    """Probabilities that the best sentence answers, where the decision changes."""

    answer: float
    closest: float
    also: float  # a hit's own probability, to be quoted beside the best one


@dataclass(frozen=True)
class Ranker:
    """A trained ranker with its decision model and thresholds."""

    ranker: Model
    decision: Linear
    thresholds: Thresholds
    trained: dict[str, Any]  # what it was trained on, and its figures

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> Ranker:
        """The model at ``path``; :class:`ConfigError` says what is wrong with a bad one."""
        where = repr(str(path))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            thresholds = Thresholds(**data["thresholds"])
            return cls(
                model_from_json(data["ranker"], FEATURES, where),
                Linear.from_json(data["decision"], DECISION_FEATURES, where),
                thresholds,
                dict(data.get("trained") or {}),
            )
        except ConfigError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"Cannot read the ranker model {where} ({type(exc).__name__}: {exc}). Point "
                "ASSISTANT_RANKER at a file written by `python -m training fit`, or unset it."
            ) from None

    @classmethod
    def untrained(cls) -> Ranker:
        """A stand-in that ranks by dense similarity alone and never answers: what the
        training command searches with before any model exists."""
        n, m = len(FEATURES), len(DECISION_FEATURES)
        weights = np.zeros(n)
        weights[FEATURES.index("dense_best")] = 1.0
        ranker = Linear(np.zeros(n), np.ones(n), weights, 0.0)
        decision = Linear(np.zeros(m), np.ones(m), np.zeros(m), -50.0)
        return cls(ranker, decision, Thresholds(1.0, 1.0, 1.0), {})

    def logits(self, features: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """The ranker's logit for each candidate (higher: more likely to answer)."""
        return self.ranker.logits(features)

    def answers(self, logits: npt.NDArray[np.float64], features: npt.NDArray[np.float32]) -> float:
        """The probability that the best candidate (the highest logit) answers."""
        return float(_sigmoid(self.decision.logits(decision_row(logits, features))[0]))


def decision_row(
    logits: npt.NDArray[np.float64], features: npt.NDArray[np.float32]
) -> npt.NDArray[np.float64]:
    """What the decision model reads: the best logit, whether the best candidate holds the
    kind of answer asked for, how many of the question's words it uses, the share of the
    question's words no text of the index uses, and the share of the other candidates that
    give its date or number."""
    if len(logits) == 0:
        return np.array([[-20.0, 0.0, 0.0, 1.0, 0.0]])
    top = int(np.argmax(logits))
    typed = features[top, FEATURES.index("typed")] if _asks(features[top]) else 1.0
    words = features[top, FEATURES.index("words_found")]
    uncovered = features[top, FEATURES.index("query_uncovered")]
    agreed = features[top, FEATURES.index("value_share")]
    return np.array([[logits[top], typed, words, uncovered, agreed]], dtype=np.float64)


def _asks(row: npt.NDArray[np.float32]) -> bool:
    return any(row[FEATURES.index(f"asks_{k}")] for k in ("when", "how_many", "who", "where"))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))
