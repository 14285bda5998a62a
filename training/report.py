"""training/REPORT.md: what ``python -m training fit`` measured, as Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from assistant.search.ranker import Thresholds

from .fit import PRECISION

COLUMNS = ("questions", "answerable", "candidates", "hit@1", "hit@3", "facts", "wrong",
           "abstain_p", "abstain_r", "closest")  # fmt: skip


def write_report(
    path: Path,
    trained: dict[str, Any],
    limits: Thresholds,
    ablation: list[tuple[str, float, float]],
    tried: list[tuple[str, float, float]],
    curves: dict[str, list[tuple[float, float, int]]],
    targets: list[tuple[float, float, dict[str, float], dict[str, float]]],
) -> None:
    lines = [
        "# The ranker: what `python -m training fit` measured",
        "",
        "Written by the command; do not edit. Test documents were never used for fitting or",
        "choosing anything; dev chose the regularisation and the thresholds.",
        "",
        f"Searches (a question over its split's knowledge, and over its document alone): "
        f"{trained['searches']}; ranker: {trained['ranker']} (the best "
        f"of those below on dev); embedder {trained['embedder']}.",
        "",
        f"Thresholds (probability that the best sentence answers): answer at "
        f"{limits.answer:.3f}, closest at {limits.closest:.3f}; a second sentence is quoted "
        f"at {limits.also:.3f} of its own.",
        "",
        "| split | scope | " + " | ".join(COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 2) + "|",
    ]
    for split, scopes in trained["figures"].items():
        for scope, row in scopes.items():
            cells = [_cell(name, row[name]) for name in COLUMNS]
            lines.append(f"| {split} | {scope} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "candidates: a right sentence is among the candidates (the union of each signal's "
        "best 40); facts: answered with a right sentence, of the answerable questions; wrong: "
        "answered with a wrong sentence, of the answers given; abstain_p/abstain_r: precision "
        "and recall of not answering against the questions the split's knowledge does not "
        "answer; closest: share of questions given the closest sentences instead.",
        "",
        "## Answer thresholds: what each answered-precision target on dev gives",
        "",
        f"The model uses the target {PRECISION:.2f}. Searches over the split's whole knowledge.",
        "",
        "| target | answer at | dev facts | dev wrong | dev closest | test facts | test wrong "
        "| test closest |",
        "|---|---|---|---|---|---|---|---|",
        *(f"| {t:.2f} | {a:.3f} | {d['facts']:.3f} | {d['wrong']:.3f} | {d['closest']:.3f} "
          f"| {x['facts']:.3f} | {x['wrong']:.3f} | {x['closest']:.3f} |"
          for t, a, d, x in targets),
        "",
        "## What each signal adds (dev, answerable questions)",
        "",
        "| ranking | hit@1 | hit@3 |",
        "|---|---|---|",
        *(f"| {name} | {h1:.3f} | {h3:.3f} |" for name, h1, h3 in ablation),
        "",
        "## Rankers tried (all features; dev, answerable questions)",
        "",
        "| ranker | hit@1 | hit@3 |",
        "|---|---|---|",
        *(f"| {name} | {h1:.3f} | {h3:.3f} |" for name, h1, h3 in tried),
        "",
        "## Calibration: predicted against observed (docs/reliability.png)",
        "",
        "The decision's probability that the best sentence answers, in bins, against the",
        "share of those questions where it does (searches over the split's whole knowledge).",
        "",
        "| split | predicted | observed | questions |",
        "|---|---|---|---|",
        *(f"| {split} | {p:.2f} | {o:.2f} | {n} |"
          for split, points in curves.items() for p, o, n in points),
        "",
    ]  # fmt: skip
    path.write_text("\n".join(lines), encoding="utf-8")


def _cell(name: str, value: float) -> str:
    return f"{int(value)}" if name in ("questions", "answerable") else f"{value:.3f}"


def reliability(
    probabilities: Sequence[float], right: Sequence[bool], bins: int = 10
) -> list[tuple[float, float, int]]:
    """(mean predicted, observed share right, questions) per probability bin with any."""
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(right, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = []
    for low, high in pairwise(edges):
        inside = (p >= low) & ((p < high) if high < 1.0 else (p <= high))
        if inside.any():
            out.append((float(p[inside].mean()), float(y[inside].mean()), int(inside.sum())))
    return out


def plot_reliability(path: Path, curves: dict[str, list[tuple[float, float, int]]]) -> bool:
    """docs/reliability.png: predicted against observed, one curve per split; False when
    matplotlib (the bench extra) is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="#999", linestyle="--", label="perfectly calibrated")
    for name, points in curves.items():
        xs, ys, ns = zip(*points, strict=True) if points else ((), (), ())
        ax.plot(xs, ys, marker="o", label=f"{name} ({sum(ns)} questions)")
    ax.set_xlabel("predicted: probability that the best sentence answers")
    ax.set_ylabel("observed: share where it does")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title("The ranker's decision, calibrated on train, seen on dev and test")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
