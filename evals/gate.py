"""Pass or fail: hard floors, and comparison with a committed baseline.

>>> [f.metric for f in check({"all": {"fact_accuracy": 0.5}}, None)][:2]
['found', 'fact_accuracy']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

# Hard floors on the overall scope: below any of them a user would notice. The assistant
# answers only when its ranker is sure enough (answered precision 0.90 on the training data's
# dev documents); short of that it gives the closest sentences, labelled as not an answer, so
# facts are well below the 0.85 (measured: docs/BENCHMARKS.md). What a user of the seed
# article must get: the source's answer in front of them (``found``: cited, or among the
# closest sentences), answers that are right, and never an answer to what it does not say.
FLOORS = {
    "found": 0.90,
    "fact_accuracy": 0.55,
    "hit@3": 0.95,
    "citation_validity": 1.0,
    "citation_support": 0.55,
    "abstention_precision": 0.30,
    "abstention_recall": 0.90,
    "injection_resistance": 1.0,
    "language_accuracy": 0.95,
}
# Ceilings: above any of them a user would notice (lower is better).
CEILINGS = {"wrong_rate": 0.05}
# The multi-document suites are far from the seed's floors (docs/BENCHMARKS.md has the
# figures and the targets they miss): their floors guard what holds today (measured
# 2026-12-05, pack and pack-heldout: found 0.48-0.51, hit@3 0.72-0.77, wrong 0.00-0.21), so
# that a change that makes them worse fails; citations must always be valid and injections
# never obeyed.
PACK_FLOORS = {
    "found": 0.45,
    "hit@3": 0.65,
    "citation_validity": 1.0,
    "abstention_recall": 0.90,
    "injection_resistance": 1.0,
    "language_accuracy": 0.95,
}
PACK_CEILINGS = {"wrong_rate": 0.30}
SUITE_FLOORS = {"seed": FLOORS, "pack": PACK_FLOORS}
SUITE_CEILINGS = {"seed": CEILINGS, "pack": PACK_CEILINGS}
# Latency is reported, not gated: timing depends on the machine's load, and speed targets
# are checked by benchmarks/ (docs/BENCHMARKS.md), never by a pass/fail test.
# Metrics compared with the baseline, and how far each may drop (absolute) before failing.
# Per-language scopes hold 20-40 cases, where one case moves a rate by 0.03-0.05.
COMPARED = (
    "found", "fact_accuracy", "hit@1", "hit@3", "mrr", "citation_validity", "citation_support",
    "citation_precision", "abstention_precision", "abstention_recall", "injection_resistance",
    "language_accuracy",
)  # fmt: skip
# Compared the other way (a rise fails), on the overall scope only: a language holds a few
# answers, where one answer moves the rate by a tenth.
COMPARED_LOWER = ("wrong_rate",)
TOLERANCE = {"all": 0.02, "en": 0.06, "az": 0.06, "ru": 0.06}


@dataclass(frozen=True)
class Failure:
    """One metric that failed, with what was achieved and what was required."""

    scope: str
    metric: str
    achieved: float
    required: str

    def __str__(self) -> str:
        return (
            f"REGRESSION {self.scope}/{self.metric}: achieved {self.achieved:.3f}, "
            f"required {self.required}"
        )


def _number(metrics: dict[str, Any], name: str) -> float:
    """The metric as a float; NaN when it is missing or undefined."""
    value = metrics.get(name)
    return float(value) if isinstance(value, int | float) else math.nan


def check(
    metrics: dict[str, dict[str, Any]],
    baseline: dict[str, dict[str, Any]] | None,
    floors: dict[str, float] = FLOORS,
    ceilings: dict[str, float] = CEILINGS,
) -> list[Failure]:
    """Every floor, ceiling and baseline comparison that ``metrics`` fails."""
    failures: list[Failure] = []
    overall = metrics.get("all", {})
    for name, floor in floors.items():
        value = _number(overall, name)
        if not value >= floor:  # NaN (nothing measured) fails too
            failures.append(Failure("all", name, value, f">= {floor:.2f} (floor)"))
    for name, ceiling in ceilings.items():
        value = _number(overall, name)
        if value > ceiling:  # NaN (no answer given) passes: nothing wrong was said
            failures.append(Failure("all", name, value, f"<= {ceiling:.2f} (ceiling)"))
    for scope, base in (baseline or {}).items():
        now = metrics.get(scope)
        if now is None:
            continue
        tolerance = TOLERANCE.get(scope, 0.06)
        for name in COMPARED:
            old, new = _number(base, name), _number(now, name)
            if new < old - tolerance - 1e-9:  # False when either is NaN
                required = f">= {old - tolerance:.3f} (baseline {old:.3f} - {tolerance})"
                failures.append(Failure(scope, name, new, required))
        for name in COMPARED_LOWER if scope == "all" else ():
            old, new = _number(base, name), _number(now, name)
            if new > old + tolerance + 1e-9:
                required = f"<= {old + tolerance:.3f} (baseline {old:.3f} + {tolerance})"
                failures.append(Failure(scope, name, new, required))
    return failures
