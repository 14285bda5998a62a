"""``python -m assistant``: ingest, ask, sources. Errors print one clear line, no traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .answering.messages import provenance
from .errors import AssistantError, QuestionError
from .settings import Settings
from .text.questions import clean_question
from .values import Answer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Cited answers about WUF13 from the knowledge folder (ASSISTANT_* settings).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_ingest = sub.add_parser("ingest", help="build or refresh the index")
    p_ingest.add_argument(
        "path", nargs="?", type=Path, help="knowledge folder (default: knowledge)"
    )
    p_ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    p_ingest.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any file was skipped"
    )
    p_ask = sub.add_parser("ask", help="answer a question")
    p_ask.add_argument("question")
    p_ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    p_ask.add_argument(
        "--history", type=Path, help="JSON file: list of {role, content} turns before the question"
    )
    p_add = sub.add_parser(
        "add", help="add files (.html .htm .pdf .md .txt) or web addresses, then refresh the index"
    )
    p_add.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    p_remove = sub.add_parser("remove", help="take a document out (kept in .removed/)")
    p_remove.add_argument("name", help="the document's file name or id (see `sources`)")
    p_sources = sub.add_parser("sources", help="list what is indexed")
    p_sources.add_argument("--json", action="store_true")
    return parser


def render(answer: Answer, *, color: bool = False) -> str:
    """The answer and its numbered citations as terminal text."""
    bold = ("\033[1m", "\033[0m") if color else ("", "")
    lines = [re.sub(r"\*\*(.+?)\*\*", rf"{bold[0]}\1{bold[1]}", answer.text)]
    if answer.note:
        lines.append(answer.note)
    for c in (*answer.citations, *answer.closest):
        origin = provenance(c.kind, c.source, c.published, answer.language)
        lines.append(f'[{c.number}] {c.doc_path} {c.locator} — "{c.quote}" ({origin})')
        if c.shown_language != c.language:
            lines.append(f"    {c.shown_language}: {c.shown}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _notes()
    try:
        overrides = {"knowledge_dir": args.path} if getattr(args, "path", None) else {}
        settings = Settings.from_env(**overrides)
        if args.command == "ingest":
            return _ingest(settings, quiet=args.quiet, strict=args.strict)
        if args.command == "ask":
            return _ask(settings, args.question, args.history, as_json=args.json)
        if args.command in ("add", "remove"):
            return _change(settings, args.sources if args.command == "add" else args.name)
        return _sources(settings, as_json=args.json)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ask ... | head`: the reader has what it wanted and is gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (exit flushes too)
        return 141  # as a program stopped by SIGPIPE


def _notes() -> None:
    """The assistant's own notes as ``note:`` lines on stderr; the libraries' log lines
    ("discarding data: None", "Object 3 0 found") are not the user's business."""
    own = logging.getLogger("assistant")
    if not own.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("note: %(message)s"))
        own.addHandler(handler)
    own.setLevel(logging.WARNING)
    own.propagate = False
    logging.getLogger().addHandler(logging.NullHandler())  # (else Python prints them anyway)


def _ingest(settings: Settings, *, quiet: bool, strict: bool) -> int:
    from .assistant import Assistant

    assistant = Assistant.from_settings(settings, ensure_index=False)
    report = assistant.ingest(progress=not quiet)
    for line in report.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    if report.flagged:
        print(
            f"Note: {len(report.flagged)} sentence(s) read like instructions to an AI and will "
            f"never be quoted as answers: {', '.join(report.flagged)}"
        )
    if report.rebuilt_because:
        print(f"Rebuilt the index because {report.rebuilt_because}.")
    if report.unchanged:
        print(
            f"Index is up to date: {report.documents} documents, {report.records} texts, "
            "0 embedded."
        )
    else:
        documents = "document" if report.documents == 1 else "documents"
        print(
            f"Indexed {report.documents} {documents}: {report.records} texts, {report.embedded} "
            f"embedded, {report.reused} reused, {report.deleted} removed "
            f"({report.seconds:.1f} s)."
        )
    return 1 if strict and report.skipped else 0


def _ask(settings: Settings, question: str, history_file: Path | None, *, as_json: bool) -> int:
    from .assistant import Assistant

    clean_question(question, settings.max_question_chars)  # a bad question fails at once
    history = _read_history(history_file) if history_file is not None else None
    answer = Assistant.from_settings(settings).ask(question, history)
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(answer, color=sys.stdout.isatty()))
    return 0


MAX_HISTORY_FILE_BYTES = 1024 * 1024  # far more than the turns a question can lean on


def _read_history(path: Path) -> object:
    where = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_HISTORY_FILE_BYTES + 1)
    except OSError as exc:
        raise QuestionError(f"Cannot read history file {where!r}: {exc.strerror}.") from None
    if len(raw) > MAX_HISTORY_FILE_BYTES:
        raise QuestionError(
            f"History file {where!r} is over {MAX_HISTORY_FILE_BYTES // 1024} KB. Keep only the "
            "last turns of the conversation in it (only the last few are used)."
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise QuestionError(f"History file {where!r} is not UTF-8 text.") from None
    except RecursionError:
        raise QuestionError(f"History file {where!r} is JSON nested too deeply.") from None
    except ValueError as exc:
        raise QuestionError(f"History file {where!r} is not valid JSON: {exc}.") from None


def _change(settings: Settings, what: list[str] | str) -> int:
    from .assistant import Assistant

    assistant = Assistant.from_settings(settings)
    change = (
        assistant.add(what, progress=True) if isinstance(what, list) else assistant.remove(what)
    )
    if change.copied_pack:
        print(f"Note: the shipped knowledge pack was copied to {change.folder}; it is your "
              "knowledge folder from now on.")  # fmt: skip
    rows = {row["name"]: row for row in change.indexed}
    for added in change.added:
        if added.error:
            print(f"error: {added.error}", file=sys.stderr)
        elif added.duplicate and added.name in rows:  # left unindexed by an interrupted add
            print(f"Already there, now indexed: {added.source} has the same content as "
                  f"{added.name}, which was not indexed yet: "
                  f"{_described(rows[added.name])}")  # fmt: skip
        elif added.duplicate:
            print(f"Already there: {added.source} has the same content as {added.name}; "
                  "nothing added.")  # fmt: skip
        elif added.translates:
            print(f"Added {added.name}: a translation of {added.translates}.")
        elif added.name in rows:
            print(f"Added {added.name}: {_described(rows[added.name])}")
        else:
            print(f"Added {added.name}, but it was not indexed (see below).")
    if change.removed is not None:
        print(f"Removed {change.removed.name} ({len(change.removed.moved)} file(s) moved to "
              f"{change.removed.kept_in}; move them back to restore it).")  # fmt: skip
    for line in change.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    return 1 if change.errors else 0


def _described(row: dict[str, Any]) -> str:
    return (
        f"{_short(row['title']) or '(no title)'} ({row['source'] or 'no outlet'}, "
        f"{row['published'] or 'no date'}), {row['language']}, {row['sentences']} sentences."
    )


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _sources(settings: Settings, *, as_json: bool) -> int:
    from .assistant import Assistant

    rows = Assistant.from_settings(settings).sources()
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        extra = f", translations: {', '.join(row['translations'])}" if row["translations"] else ""
        print(
            f"{row['path']}  [{row['language']}, {row['format']}] {row['sentences']} "
            f"sentences{extra}"
        )
        known = ", ".join(part for part in (row["source"], row["published"]) if part)
        print(f"    {row['title']}" + (f" ({known})" if known else ""))
    return 0
