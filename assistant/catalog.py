"""What is indexed, and changing it: the Sources list, ``add`` and ``remove``.

``add`` and ``remove`` change the knowledge folder (:mod:`assistant.index.adding`,
:mod:`assistant.index.removing`) and then refresh the index, so a question asked next sees
the change. In an installed assistant the shipped pack is never written to: the first change
copies it to the user data directory, which is the knowledge folder from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .index.adding import Added, add_sources
from .index.documents import slugify
from .index.ingest import IngestReport
from .index.removing import Removed, remove_document
from .locations import writable_knowledge_dir

if TYPE_CHECKING:
    from .assistant import Assistant
    from .search.loaded import LoadedIndex


@dataclass(frozen=True)
class Change:
    """What one ``add`` or ``remove`` did, and what the index holds of it now."""

    folder: Path  # the knowledge folder that was changed
    added: tuple[Added, ...] = ()
    removed: Removed | None = None
    indexed: tuple[dict[str, Any], ...] = ()  # a sources() row (+ its file "name") per added doc
    ingest: IngestReport | None = None  # None when nothing changed
    copied_pack: bool = False  # the shipped pack was copied to the user data directory

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(a.error for a in self.added if a.error)


def source_rows(index: LoadedIndex) -> list[dict[str, Any]]:
    """One row per indexed document: path, title, outlet, date, language, format, sentences
    and translations."""
    docs: dict[str, dict[str, Any]] = {}
    for unit in index.units.values():
        doc = unit.doc
        row = docs.setdefault(
            doc.slug,
            {
                "id": doc.slug,
                "path": doc.path,
                "title": doc.title,
                "published": doc.published,
                "source": doc.source,
                "kind": doc.kind,
                "url": doc.url,
                "format": doc.format,
                "language": "",
                "sentences": 0,
                "translations": set(),
            },
        )
        if unit.is_translation:
            row["translations"].add(unit.language)
        else:
            row["sentences"] += 1
            row["language"] = unit.language
    rows = sorted(docs.values(), key=lambda r: r["path"])
    for row in rows:
        row["translations"] = sorted(row["translations"])
    return rows


def add(assistant: Assistant, sources: list[str]) -> Change:
    """Add files or URLs to the assistant's knowledge folder, then refresh the index."""
    folder, copied = _writable(assistant)
    added = tuple(add_sources(folder, sources, assistant.settings.download_timeout))
    report = assistant.ingest(progress=False) if any(a.added for a in added) else None
    ids = {slugify(Path(a.name).stem): a.name for a in added if a.added}
    indexed = tuple(
        {**row, "name": ids[row["id"]]} for row in assistant.sources() if row["id"] in ids
    )
    return Change(folder, added=added, indexed=indexed, ingest=report, copied_pack=copied)


def remove(assistant: Assistant, name: str) -> Change:
    """Move the document ``name`` out of the knowledge folder, then refresh the index."""
    folder, copied = _writable(assistant)
    removed = remove_document(folder, name)
    report = assistant.ingest(progress=False)
    return Change(folder, removed=removed, ingest=report, copied_pack=copied)


def _writable(assistant: Assistant) -> tuple[Path, bool]:
    folder, copied = writable_knowledge_dir(assistant.settings.knowledge_dir)
    if folder != assistant.settings.knowledge_dir:
        assistant.settings = assistant.settings.replace(knowledge_dir=folder)
    return folder, copied
