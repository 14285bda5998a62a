"""What is indexed, and changing it: the Sources list, ``add`` and ``remove``.

``add`` and ``remove`` change the knowledge folder (:mod:`assistant.reading.adding`,
:mod:`assistant.reading.removing`) and then refresh the index, so a question asked next sees
the change. In an installed assistant the shipped pack is never written to: the first change
copies it to the user data directory, which is the knowledge folder from then on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import AssistantError, IngestError
from .locations import writable_knowledge_dir
from .reading.adding import Added, add_sources, changing, take_back
from .reading.documents import slugify
from .reading.files import Caps
from .reading.removing import (
    PENDING,
    Removed,
    done_removing,
    finish_removal,
    pending_removal,
    put_back,
    remove_document,
)
from .storage.ingest import IngestReport
from .values import DocumentInfo

if TYPE_CHECKING:
    from .assistant import Assistant
    from .search.loaded import LoadedIndex

_log = logging.getLogger("assistant")
PathOrURL = str | os.PathLike[str]  # a file or web address given to add, or a name to remove


@dataclass(frozen=True)
class Change:
    """What one ``add`` or ``remove`` did, and what the index holds of it now."""

    folder: Path  # the knowledge folder that was changed
    added: tuple[Added, ...] = ()
    removed: Removed | None = None
    # a sources() row (+ its file "name") per added doc, and per duplicate this add indexed
    indexed: tuple[dict[str, Any], ...] = ()
    ingest: IngestReport | None = None  # None when nothing was added
    copied_pack: bool = False  # the shipped pack was copied to the user data directory

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(a.error for a in self.added if a.error)

    @property
    def skipped(self) -> tuple[str, ...]:
        """The folder's other files that ingest could not use (each added file's own
        problem is in its ``error``)."""
        lines = self.ingest.skipped if self.ingest else ()
        names = [a.name for a in self.added if a.name]
        return tuple(line for line in lines if not any(_names(line, n) for n in names))


def source_rows(index: LoadedIndex) -> list[dict[str, Any]]:
    """One row per indexed document: path, title, outlet, date, language, format, sentences
    and translations. Read from the index's columns (the document of each row, whether it is
    a translation, its language): making every unit to count them took about 1 s per
    refresh of the Sources tab at 100k sentences."""
    table = index.table
    languages = table.columns["language"]
    docs = np.asarray(table.columns["doc"], dtype=np.int64)
    translated = np.asarray(table.columns["is_translation"], dtype=bool)
    counts = np.bincount(docs[~translated], minlength=len(table.docs))
    rows: dict[str, dict[str, Any]] = {}
    used, first = np.unique(docs, return_index=True)
    for k in used[np.argsort(first)].tolist():  # a document's first row names its fields
        doc = table.docs[k]  # (after updates, rows of one document may name equal copies)
        row = rows.setdefault(doc.slug, _source_row(doc))
        row["sentences"] += int(counts[k])
    originals, first = np.unique(docs[~translated], return_index=True)
    for k, i in zip(originals.tolist(), np.flatnonzero(~translated)[first].tolist(), strict=True):
        rows[table.docs[k].slug]["language"] = languages[i]
    for i in np.flatnonzero(translated).tolist():
        rows[table.docs[docs[i]].slug]["translations"].add(languages[i])
    out = sorted(rows.values(), key=lambda r: r["path"])
    for row in out:
        row["translations"] = sorted(row["translations"])
    return out


def _source_row(doc: DocumentInfo) -> dict[str, Any]:
    return {
        "id": doc.slug, "path": doc.path, "title": doc.title, "published": doc.published,
        "source": doc.source, "kind": doc.kind, "url": doc.url, "format": doc.format,
        "language": "", "sentences": 0, "translations": set(),
    }  # fmt: skip


def add(assistant: Assistant, sources: list[str], *, progress: bool = False) -> Change:
    """Add files or URLs to the assistant's knowledge folder, then refresh the index. One add
    or remove at a time per folder, index refresh included: two at once never lose one."""
    folder, copied = _writable(assistant)
    settings = assistant.settings
    with changing(folder):
        added = add_sources(folder, sources, settings.download_timeout, Caps.of(settings))
        report, before = None, set()
        if any(a.added or a.duplicate for a in added):  # (a duplicate may not be indexed yet)
            before = _indexed_ids(assistant) if any(a.duplicate for a in added) else set()
            report = _refresh_or_take_back(assistant, folder, added, progress)
            added = _indexed_or_taken_back(folder, added, report)
    ids = {slugify(Path(a.name).stem): a.name for a in added if a.added or a.duplicate}
    ids = {slug: name for slug, name in ids.items() if slug not in before}
    indexed = tuple(
        {**row, "name": ids[row["id"]]} for row in assistant.sources() if row["id"] in ids
    )
    return Change(folder, added=tuple(added), indexed=indexed, ingest=report, copied_pack=copied)


def remove(assistant: Assistant, name: str, *, progress: bool = False) -> Change:
    """Move the document ``name`` out of the knowledge folder, then refresh the index; when
    the index cannot do without it (it was the last usable document), it is put back."""
    folder, copied = _writable(assistant)
    finish_interrupted_remove(assistant, _log.warning)  # its plan is about to be overwritten
    with changing(folder):
        removed = remove_document(folder, name)
        report = _refreshed(assistant, removed, progress=progress)
    return Change(folder, removed=removed, ingest=report, copied_pack=copied)


def finish_interrupted_remove(assistant: Assistant, log: Callable[[str], None]) -> None:
    """Finish a ``remove`` that was killed after moving files out and before the index was
    refreshed (the index would go on citing a document that is gone), and say so."""
    folder = assistant.settings.knowledge_dir
    if not (folder / PENDING).exists():
        return
    try:
        with changing(folder):  # (waits for a remove that is still running)
            removed = pending_removal(folder)
            if removed is None:
                return
            finish_removal(folder, removed)
            try:
                _refreshed(assistant, removed, progress=False)
            except IngestError as exc:  # put back, or where its files are is said
                log(f"An interrupted remove could not be finished: {exc}")
                return
    except AssistantError as exc:
        log(
            f"An interrupted remove left the index out of date, and finishing it failed: {exc} "
            "If answers cite a removed document, run `python -m assistant ingest`."
        )
        return
    log(f"An interrupted remove of {removed.name} was finished; the index no longer lists it.")


def _refreshed(assistant: Assistant, removed: Removed, *, progress: bool) -> IngestReport:
    """The index refreshed without ``removed``; put back when the index cannot do without it
    (no usable document left, the store cannot be written...)."""
    folder = assistant.settings.knowledge_dir
    try:
        report = assistant.ingest(progress=progress)
    except AssistantError as exc:
        try:
            put_back(folder, removed)
        finally:
            done_removing(folder)
        raise IngestError(f"{removed.name} was not removed (it is back in place): {exc}") from None
    done_removing(folder)
    return report


def as_sources(sources: object) -> list[str]:
    """What ``add`` was given, as strings: one path or URL (``str`` or ``Path``) or an iterable
    of them; :class:`IngestError` for anything else, before anything is added."""
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    if isinstance(sources, bytes | bytearray) or not isinstance(sources, Iterable):
        raise IngestError(
            "add takes a file path or URL (a str or Path), or a list of them; got "
            f"{type(sources).__name__}."
        )
    texts = []
    for source in sources:
        text = _path_text(source)
        if text is None:
            raise IngestError(
                f"add takes file paths or URLs as str or Path, not {type(source).__name__}."
            )
        texts.append(text)
    return texts


def as_name(name: object) -> str:
    """What ``remove`` was given, as a string; :class:`IngestError` for anything but a str or
    a Path."""
    text = _path_text(name)
    if text is None:
        raise IngestError(
            "remove takes the document's file name, path or id (a str or Path), not "
            f"{type(name).__name__}."
        )
    return text


def _path_text(value: object) -> str | None:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    return value if isinstance(value, str) else None


def _indexed_or_taken_back(folder: Path, added: list[Added], report: IngestReport) -> list[Added]:
    """The added files that ingest could not use after all (a translation whose original is
    missing, a second translation into one language...) are taken back out, with its reason."""
    out = []
    for a in added:
        reason = next((line for line in report.skipped if _names(line, a.name)), None)
        out.append(take_back(folder, a, reason) if a.added and reason else a)
    return out


def _names(line: str, name: str) -> bool:
    """Whether a skipped-file line is about the file ``name`` (lines start with the file)."""
    return line.startswith((f"{name} ", f"{name}:"))


def _indexed_ids(assistant: Assistant) -> set[str]:
    """The documents indexed now (a duplicate among them needs no indexing)."""
    try:
        return {row["id"] for row in assistant.sources()}
    except AssistantError:
        return set()


def _refresh_or_take_back(
    assistant: Assistant, folder: Path, added: list[Added], progress: bool
) -> IngestReport:
    """Refresh the index; when that fails (a full disk...), the files just added are taken
    back out, so the folder and the index still agree: all of the add or none of it."""
    try:
        return assistant.ingest(progress=progress)
    except (AssistantError, OSError) as exc:
        names = [take_back(folder, a, "").name for a in added if a.added]
        taken = f"; {', '.join(names)} taken back out" if names else ""
        raise IngestError(f"Nothing was added{taken}: {exc}") from None


def _writable(assistant: Assistant) -> tuple[Path, bool]:
    folder, copied = writable_knowledge_dir(assistant.settings.knowledge_dir)
    if folder != assistant.settings.knowledge_dir:
        assistant.settings = assistant.settings.replace(knowledge_dir=folder)
    return folder, copied
