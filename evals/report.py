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
    "cases", "passed", "fact_accuracy", "wrong_rate", "closest_rate", "closest_gold", "found",
    "hit@1", "hit@3", "mrr", "citation_validity",
    "citation_support", "citation_precision", "abstention_precision", "abstention_recall",
    "injection_resistance", "latency_p50_ms", "latency_p95_ms",
)  # fmt: skip
SHORT = {
    "fact_accuracy": "facts", "wrong_rate": "wrong", "closest_rate": "closest",
    "closest_gold": "cl_gold", "citation_validity": "cite_ok", "citation_support": "cite_gold",
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
        if not r.passed and r.answer.citations:
            out.append(f"     cited {[c.sentence_id for c in r.answer.citations]}")
        if r.ranked:
            out.append(f"     ranked {list(r.ranked[:3])} gold {[list(g) for g in r.case.gold]}")
    return out


def write(
    directory: Path,
    suite: str,
    embedder: str,
    rows: dict[str, dict[str, Any]],
    results: Sequence[CaseResult],
    failures: Sequence[Failure],
    seconds: float,
) -> tuple[Path, Path]:
    """Write ``<suite>-<stamp>.json`` and ``.md`` (and ``latest-<suite>.*``); return both."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data = {
        "suite": suite,
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
                "abstained": r.answer.abstained,
                "answer": r.answer.text,
                "cited": [c.sentence_id for c in r.answer.citations],
                "latency_ms": round(r.latency_ms, 2),
            }
            for r in results
        ],
    }
    failed = [r for r in results if not r.passed]
    md = [
        f"# Eval report: {suite} ({embedder})",
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
    json_path, md_path = directory / f"{suite}-{stamp}.json", directory / f"{suite}-{stamp}.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text("\n".join(md) + "\n", encoding="utf-8")
    for path in (json_path, md_path):
        latest = directory / f"latest-{suite}{path.suffix}"
        latest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return json_path, md_path
