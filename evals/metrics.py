"""IR and answer metrics as pure functions.

>>> hit_at_k(["a", "b", "c"], {"b"}, 1), hit_at_k(["a", "b", "c"], {"b"}, 3)
(0.0, 1.0)
>>> reciprocal_rank(["a", "b", "c"], {"c"})
0.3333333333333333
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def hit_at_k(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """1.0 when a gold id is among the first ``k``, else 0.0."""
    return 1.0 if any(r in gold for r in ranked[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: set[str]) -> float:
    """1 / rank of the first gold id (0.0 when none is ranked)."""
    for i, r in enumerate(ranked, start=1):
        if r in gold:
            return 1.0 / i
    return 0.0


def has_fact(text: str, forms: Iterable[str]) -> bool:
    """True when any accepted surface form occurs in ``text`` (case-insensitive)."""
    lowered = text.casefold().replace("**", "")
    return any(form.casefold() in lowered for form in forms)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: ``percentile([1, 2, 3, 4], 50) == 2``."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def precision_recall(predicted: Sequence[bool], actual: Sequence[bool]) -> tuple[float, float]:
    """Precision and recall of ``predicted`` against ``actual`` (nan when undefined)."""
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    pp = sum(predicted)
    ap = sum(actual)
    return (tp / pp if pp else math.nan, tp / ap if ap else math.nan)
