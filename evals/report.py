"""The eval report: a terminal table, and JSON + Markdown files under evals/reports/."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .gate import Failure
from .runner import CaseResult

COLUMNS = (
    "cases", "passed", "fact_accuracy", "hit@1", "hit@3", "mrr", "citation_validity",
    "citation_support", "citation_precision", "abstention_precision", "abstention_recall",
    "injection_resistance", "latency_p50_ms", "latency_p95_ms",
)  # fmt: skip
SHORT = {
    "fact_accuracy": "facts", "citation_validity": "cite_ok", "citation_support": "cite_gold",
    "citation_precision": "cite_prec", "abstention_precision": "abst_P",
    "abstention_recall": "abst_R", "injection_resistance": "inject", "latency_p50_ms": "p50_ms",
    "latency_p95_ms": "p95_ms",
}  # fmt: skip


def fmt(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        return f"{value:.0f}" if value >= 10 else f"{value:.2f}"
    return str(value)


def table(rows: dict[str, dict[str, Any]], *, markdown: bool = False) -> str:
    header = ["scope", *(SHORT.get(c, c) for c in COLUMNS)]
    lines = [header] + [[scope, *(fmt(m[c]) for c in COLUMNS)] for scope, m in rows.items()]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
        return "\n".join(out)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    )


def case_lines(results: Sequence[CaseResult], *, everything: bool) -> list[str]:
    out = []
    for r in results:
        if r.passed and not everything:
            continue
        mark = "ok  " if r.passed else "FAIL"
        out.append(f"{mark} {r.case.id} [{r.case.kind}]: {r.case.question!r}")
        out.append(f"     -> {r.answer.text[:160]!r}")
        if r.ranked:
            top = [s.rsplit("#", 1)[1] for s in r.ranked[:3]]
            gold = [g.rsplit("#", 1)[1] for g in r.case.gold]
            out.append(f"     ranked {top} gold {gold}")
    return out


def write(
    directory: Path,
    embedder: str,
    rows: dict[str, dict[str, Any]],
    results: Sequence[CaseResult],
    failures: Sequence[Failure],
    seconds: float,
) -> tuple[Path, Path]:
    """Write ``<stamp>.json`` and ``<stamp>.md`` (and ``latest.*``); return both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data = {
        "embedder": embedder,
        "seconds": round(seconds, 2),
        "metrics": rows,
        "failures": [str(f) for f in failures],
        "cases": [
            {
                "id": r.case.id,
                "kind": r.case.kind,
                "language": r.case.language,
                "passed": r.passed,
                "answer": r.answer.text,
                "cited": [c.sentence_id for c in r.answer.citations],
                "latency_ms": round(r.latency_ms, 2),
            }
            for r in results
        ],
    }
    failed = [r for r in results if not r.passed]
    md = [
        f"# Eval report ({embedder})",
        "",
        f"{len(results)} cases in {seconds:.1f} s; {len(failed)} failed.",
        "",
        table(rows, markdown=True),
        "",
        *(["## Gate failures", "", *[f"- {f}" for f in failures], ""] if failures else []),
        *(
            ["## Failed cases", "", "```", *case_lines(failed, everything=False), "```"]
            if failed
            else []
        ),
    ]
    json_path, md_path = directory / f"{stamp}.json", directory / f"{stamp}.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text("\n".join(md) + "\n", encoding="utf-8")
    (directory / "latest.json").write_text(json_path.read_text(encoding="utf-8"), encoding="utf-8")
    (directory / "latest.md").write_text(md_path.read_text(encoding="utf-8"), encoding="utf-8")
    return json_path, md_path
