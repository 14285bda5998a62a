"""training/REPORT.md: what ``python -m training fit`` measured, as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.search.ranker import Thresholds

COLUMNS = ("questions", "answerable", "candidates", "hit@1", "hit@3", "facts", "wrong",
           "abstain_p", "abstain_r", "closest")  # fmt: skip


def write_report(
    path: Path,
    trained: dict[str, Any],
    limits: Thresholds,
    ablation: list[tuple[str, float, float]],
    tried: list[tuple[str, float, float]],
    seconds: float,
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
        "best 30); facts: answered with a right sentence, of the answerable questions; wrong: "
        "answered with a wrong sentence, of the answers given; abstain_p/abstain_r: precision "
        "and recall of not answering against the questions the split's knowledge does not "
        "answer; closest: share of questions given the closest sentences instead.",
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
    ]  # fmt: skip
    path.write_text("\n".join(lines), encoding="utf-8")
    del seconds  # printed by the command, never written: the report stays reproducible


def _cell(name: str, value: float) -> str:
    return f"{int(value)}" if name in ("questions", "answerable") else f"{value:.3f}"
