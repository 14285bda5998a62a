"""A :class:`~assistant.values.Unit` as the index stores it, and back: one conversion, used by
Chroma records (metadata per text) and by snapshots (columns, each document's fields once).

    >>> from assistant.values import DocumentInfo, Unit
    >>> doc = DocumentInfo("d", "T", "k/d.md", kind="summary", url="https://example.org/a")
    >>> unit = Unit("d#s1", "d#s1", 1, "Hi.", "en", False, "Hi.", "h", doc)
    >>> from_metadata("d#s1", "Hi.", to_metadata(unit)) == unit
    True
    >>> from_columns(to_columns([unit])) == [unit]
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..values import DocumentInfo, Unit
from .hashing import content_hash

# Metadata keys of the document fields (the index's schema: stored with every record).
DOC_KEYS = {
    "slug": "doc_slug", "title": "doc_title", "path": "doc_path",
    "published": "doc_published", "source": "doc_source", "kind": "doc_kind", "url": "doc_url",
    "format": "doc_format",
}  # fmt: skip
# Fields of the unit itself (its text is the record's document, its id the record's id).
UNIT_FIELDS = (
    "sentence_id", "index", "language", "is_translation", "original_text", "content_hash", "page",
)  # fmt: skip
_TYPES = {"index": int, "is_translation": bool, "page": int}
# A text's sparse terms, packed (storage/terms.py): stored beside its fields, never a unit field.
TERMS_KEY = "terms"
# Records written before these fields existed.
_DEFAULTS = {"doc_kind": "article", "doc_url": "", "doc_format": "md", "page": 0}


def to_metadata(unit: Unit) -> dict[str, Any]:
    """What the index stores beside a unit's text. ``text_hash`` keys vector reuse."""
    meta = {name: getattr(unit, name) for name in UNIT_FIELDS}
    meta.update({key: getattr(unit.doc, name) for name, key in DOC_KEYS.items()})
    meta["text_hash"] = content_hash(unit.text)
    return meta


def from_metadata(
    record_id: str,
    text: str,
    meta: Mapping[str, Any],
    docs: dict[tuple[str, ...], DocumentInfo] | None = None,
) -> Unit:
    """The unit a record describes (``KeyError`` when a field is missing). Units of one
    document share one :class:`DocumentInfo` through ``docs``."""
    fields = tuple(
        str(meta[key]) if key in meta else str(_DEFAULTS[key]) for key in DOC_KEYS.values()
    )
    shared = docs if docs is not None else {}
    if fields not in shared:
        shared[fields] = DocumentInfo(*fields)  # type: ignore[arg-type]
    doc = shared[fields]
    values = {
        name: _TYPES.get(name, str)(meta[name] if name in meta else _DEFAULTS[name])
        for name in UNIT_FIELDS
    }
    return Unit(record_id=record_id, text=text, doc=doc, **values)


def to_columns(units: Sequence[Unit]) -> dict[str, Any]:
    """Units as columns (JSON-ready): one list per unit field, documents listed once.
    ``original_text`` is left empty where it equals the text (every original)."""
    docs: dict[DocumentInfo, int] = {}
    names = ("record_id", "text", "doc", *UNIT_FIELDS)
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for unit in units:
        columns["record_id"].append(unit.record_id)
        columns["text"].append(unit.text)
        columns["doc"].append(docs.setdefault(unit.doc, len(docs)))
        for name in UNIT_FIELDS:
            columns[name].append(getattr(unit, name))
    columns["original_text"] = [
        "" if original == text else original
        for original, text in zip(columns["original_text"], columns["text"], strict=True)
    ]
    return {"docs": [[getattr(d, name) for name in DOC_KEYS] for d in docs], **columns}


def from_columns(columns: Mapping[str, Any]) -> list[Unit]:
    """The units :func:`to_columns` described (``ValueError`` when columns do not fit)."""
    docs = [DocumentInfo(*fields) for fields in columns["docs"]]
    size = len(columns["record_id"])
    if any(len(columns[name]) != size for name in ("text", "doc", *UNIT_FIELDS)):
        raise ValueError("snapshot columns differ in length")
    units = []
    for i in range(size):
        values = {name: _TYPES.get(name, str)(columns[name][i]) for name in UNIT_FIELDS}
        values["original_text"] = values["original_text"] or columns["text"][i]
        units.append(
            Unit(record_id=columns["record_id"][i], text=columns["text"][i],
                 doc=docs[columns["doc"][i]], **values)
        )  # fmt: skip
    return units
