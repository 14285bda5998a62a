"""A :class:`~assistant.values.Unit` as the index stores it, and back: one conversion, used by
Chroma records (metadata per text) and by snapshots (columns, each document's fields once).

    >>> from assistant.values import Unit
    >>> unit = Unit("d#s1", "d#s1", "d", 1, "Hi.", "en", False, "Hi.", "T", "k/d.md", "", "", "h")
    >>> from_metadata("d#s1", "Hi.", to_metadata(unit)) == unit
    True
    >>> from_columns(to_columns([unit])) == [unit]
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..values import Unit
from .hashing import content_hash

# Fields of the document a unit belongs to (stored once per document in a snapshot).
DOC_FIELDS = ("doc_slug", "doc_title", "doc_path", "doc_published", "doc_source")
# Fields of the unit itself (its text is the record's document, its id the record's id).
UNIT_FIELDS = (
    "sentence_id",
    "index",
    "language",
    "is_translation",
    "original_text",
    "content_hash",
)
_TYPES = {"index": int, "is_translation": bool}


def to_metadata(unit: Unit) -> dict[str, Any]:
    """What the index stores beside a unit's text. ``text_hash`` keys vector reuse."""
    meta = {name: getattr(unit, name) for name in (*UNIT_FIELDS, *DOC_FIELDS)}
    meta["text_hash"] = content_hash(unit.text)
    return meta


def from_metadata(record_id: str, text: str, meta: Mapping[str, Any]) -> Unit:
    """The unit a record describes (``KeyError`` when a field is missing)."""
    values = {name: _TYPES.get(name, str)(meta[name]) for name in (*UNIT_FIELDS, *DOC_FIELDS)}
    return Unit(record_id=record_id, text=text, **values)


def to_columns(units: Sequence[Unit]) -> dict[str, Any]:
    """Units as columns (JSON-ready): one list per unit field, documents listed once.
    ``original_text`` is left empty where it equals the text (every original)."""
    docs: dict[tuple[str, ...], int] = {}
    columns: dict[str, list[Any]] = {
        name: [] for name in ("record_id", "text", "doc", *UNIT_FIELDS)
    }
    for unit in units:
        doc = tuple(getattr(unit, name) for name in DOC_FIELDS)
        columns["record_id"].append(unit.record_id)
        columns["text"].append(unit.text)
        columns["doc"].append(docs.setdefault(doc, len(docs)))
        for name in UNIT_FIELDS:
            columns[name].append(getattr(unit, name))
    columns["original_text"] = [
        "" if original == text else original
        for original, text in zip(columns["original_text"], columns["text"], strict=True)
    ]
    return {"docs": [list(doc) for doc in docs], **columns}


def from_columns(columns: Mapping[str, Any]) -> list[Unit]:
    """The units :func:`to_columns` described (``ValueError`` when columns do not fit)."""
    docs = [dict(zip(DOC_FIELDS, doc, strict=True)) for doc in columns["docs"]]
    size = len(columns["record_id"])
    if any(len(columns[name]) != size for name in ("text", "doc", *UNIT_FIELDS)):
        raise ValueError("snapshot columns differ in length")
    units = []
    for i in range(size):
        values = {name: _TYPES.get(name, str)(columns[name][i]) for name in UNIT_FIELDS}
        values["original_text"] = values["original_text"] or columns["text"][i]
        units.append(
            Unit(record_id=columns["record_id"][i], text=columns["text"][i],
                 **values, **docs[columns["doc"][i]])
        )  # fmt: skip
    return units
