"""The Sources tab's callbacks: the list of indexed documents, opening one, and adding and
removing files (only offered when the UI asks for a password). Kept apart from Gradio so they
can be read and tested alone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AssistantError
from ..reading.adding import shown_source
from .render import document_html, escape_text

if TYPE_CHECKING:
    from ..assistant import Assistant

COLUMNS = ["Title", "Outlet", "Date", "Language", "Sentences", "Translations", "Format", "File"]
CHOOSE = '<div class="wuf-empty">Choose a document in the list to read it whole.</div>'
# The rows shown and the document id of each, in order (a session's state).
Listing = tuple[list[list[Any]], list[str]]


class SourcesHandlers:
    """What the Sources tab shows and does."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def listing(self) -> Listing:
        """One row per indexed document, and the id of each row's document."""
        rows, ids = [], []
        for row in self.assistant.sources():
            rows.append(
                [
                    row["title"] or "(no title)",
                    row["source"],
                    row["published"],
                    row["language"],
                    row["sentences"],
                    ", ".join(row["translations"]),
                    row["format"],
                    Path(row["path"]).name,
                ]
            )
            ids.append(row["id"])
        return rows, ids

    def open(self, ids: list[str], row: int | None) -> str:
        """The whole document on row ``row`` of the list (as the citations show it)."""
        if row is None or not 0 <= row < len(ids):
            return CHOOSE
        doc = self.assistant.document(ids[row])
        if doc is None:  # removed since the list was shown
            return '<div class="wuf-empty">That document is no longer indexed.</div>'
        return document_html(doc, {}, doc.sentences[0].original.language)

    def add(self, paths: list[str] | None) -> tuple[str, list[list[Any]], list[str]]:
        """Add uploaded files through the same path as ``python -m assistant add``: a status
        line per file, and the refreshed list."""
        if not paths:
            return "", *self.listing()
        try:
            change = self.assistant.add([str(p) for p in paths])
        except AssistantError as exc:
            return _status([f"Not added: {exc}"]), *self.listing()
        rows = {row["name"]: row for row in change.indexed}
        lines = []
        for added in change.added:
            shown = Path(added.source).name
            if added.error:  # the upload's temporary folder means nothing to the user
                lines.append(f"Not added: {_named(added.error, added.source, shown)}")
            elif added.duplicate and added.name in rows:
                lines.append(f"{shown} was already there (as {added.name}); now indexed.")
            elif added.duplicate:
                lines.append(f"{shown} is already there (as {added.name}): nothing added.")
            elif added.translates:
                lines.append(f"Added {added.name}: a translation of {added.translates}.")
            elif added.name in rows:
                row = rows[added.name]
                lines.append(
                    f"Added {added.name}: {row['title'] or '(no title)'}, {row['language']}, "
                    f"{row['sentences']} sentences."
                )
            else:
                lines.append(f"Added {added.name}, but it could not be indexed.")
        lines += [f"Skipped: {line}" for line in change.skipped]
        return _status(lines), *self.listing()

    def chosen(self, ids: list[str], row: int | None) -> str | None:
        """The id of the document on row ``row`` of the list, if there is one."""
        return ids[row] if row is not None and 0 <= row < len(ids) else None

    def confirm(self, doc_id: str | None) -> str:
        """The question asked before removing ``doc_id`` ("" when nothing is chosen)."""
        row = next((r for r in self.assistant.sources() if r["id"] == doc_id), None)
        if row is None:
            return ""
        also = ""
        if row["translations"]:
            also = f" and its translations ({', '.join(row['translations'])})"
        return _status(
            [
                f"Remove {Path(row['path']).name} ({row['title'] or 'no title'}){also} from "
                "the knowledge folder? The files are kept in its .removed folder."
            ]
        )

    def remove(self, doc_id: str | None) -> tuple[str, list[list[Any]], list[str]]:
        """Remove ``doc_id`` through the same path as ``python -m assistant remove``: a
        status line, and the refreshed list."""
        if not doc_id:
            return "", *self.listing()
        try:
            change = self.assistant.remove(doc_id)
        except AssistantError as exc:
            return _status([f"Not removed: {exc}"]), *self.listing()
        removed = change.removed
        lines = []
        if removed is not None:  # (always: a remove moves its files or raises)
            kept = removed.kept_in
            shown = kept.relative_to(change.folder) if kept.is_relative_to(change.folder) else kept
            lines.append(
                f"Removed {removed.name} ({len(removed.moved)} file(s) moved to {shown}; move "
                "them back to restore it)."
            )
        return _status(lines), *self.listing()


def _named(error: str, source: str, name: str) -> str:
    """An error about an upload naming the file, not the upload's temporary path (which
    messages shorten when it is long)."""
    return error.replace(source, name).replace(shown_source(source), name)


def _status(lines: list[str]) -> str:
    items = "".join(f"<li>{escape_text(line)}</li>" for line in lines)
    return f'<ul class="wuf-added">{items}</ul>'
