"""What the deltas of an index change in its base's parts, kept apart from them: the ids of
the records they replaced or removed, and the parts of their own live records ("extra").
An update brings it forward at the cost of the change, and a revision's snapshot holds only
it: the base's parts, 154 MB of vectors alone at 100k sentences, are never rewritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..reading.records import from_metadata
from ..storage.layers import Layer, live_records
from ..storage.store import IndexInfo
from ..text.grams import grams
from ..text.safety import looks_like_instruction
from ..values import DocumentInfo
from .bm25 import tokens
from .parts import Parts, codes_of, derive
from .parts import load as load_parts
from .parts import save as save_parts


@dataclass(frozen=True)
class Overlay:
    """The deltas of a base: the record ids they replaced or removed (those of the base are
    hidden), their live records' parts in order, and the ids each delta collection holds."""

    hidden: frozenset[str]
    extra: Parts
    delta_ids: tuple[tuple[str, ...], ...] = ()


def empty(width: int) -> Overlay:
    """The overlay of a base without deltas."""
    records: dict[str, Any] = {"ids": [], "documents": [], "metadatas": []}
    records["embeddings"] = np.zeros((0, width), dtype=np.float32)
    return Overlay(frozenset(), derive(records))


def forward(
    overlay: Overlay, layers: Sequence[Layer], pages: Sequence[Mapping[str, list[Any]]]
) -> Overlay:
    """``overlay`` with the deltas ``layers`` (their records ``pages``) put on top."""
    gone = {rid for page in pages for rid in page["ids"]}
    gone.update(rid for layer in layers for rid in layer.removed)
    records = live_records(layers, pages)
    extra = overlay.extra
    keep = np.fromiter((rid not in gone for rid in extra.units.record_ids), bool, len(extra.units))
    return Overlay(
        overlay.hidden | gone,
        _edited(extra, keep, records),
        (*overlay.delta_ids, *(tuple(page["ids"]) for page in pages)),
    )


def _edited(parts: Parts, keep: np.ndarray[Any, Any], records: Mapping[str, Any]) -> Parts:
    """``parts`` without the rows where ``keep`` is False, with ``records`` appended."""
    docs: dict[tuple[str, ...], DocumentInfo] = {}
    added = [
        from_metadata(rid, text, meta, docs)
        for rid, text, meta in zip(
            records["ids"], records["documents"], records["metadatas"], strict=True
        )
    ]
    table = parts.units
    removed = [table[int(i)] for i in np.flatnonzero(~keep)]
    units = table.edited(keep, added)
    width = parts.vectors.shape[1]
    vectors = np.asarray(records["embeddings"], dtype=np.float32).reshape(len(added), width)
    return Parts(
        units=units,
        bm25=parts.bm25.edited(keep, [tokens(u.text) for u in added]),
        grams=parts.grams.edited(keep, [grams(u.text) for u in added]),
        terms=parts.terms.edited(keep, codes_of(records["metadatas"])),
        vocabulary=parts.vocabulary.edited((u.text for u in removed), (u.text for u in added)),
        suspect=frozenset(u.sentence_id for u in units if looks_like_instruction(u.text)),
        vectors=np.concatenate([np.asarray(parts.vectors)[keep], vectors]),
    )


def save(folder: Path, info: IndexInfo, overlay: Overlay) -> Path | None:
    """Write ``overlay`` as the snapshot of revision ``info.revision``."""
    delta_ids = {"delta_ids": [list(ids) for ids in overlay.delta_ids]}
    return save_parts(folder, info, overlay.extra, delta_ids, overlay.hidden)


def load(folder: Path, info: IndexInfo, revision: int | None = None) -> Overlay | None:
    """The overlay saved for ``info`` (or for an earlier ``revision`` of it), or None."""
    saved = load_parts(folder, info, revision)
    if saved is None:
        return None
    parts, data, hidden = saved
    return Overlay(hidden, parts, tuple(tuple(ids) for ids in data["delta_ids"]))
