"""An index as a base collection plus small delta collections, described by one manifest.

A full build writes the base ``<prefix>-v<build>``. A later change of a few documents writes
only their texts to a new delta collection ``<prefix>-v<build>-d<stamp>``, then switches the
manifest, the base collection's metadata, in one ``modify`` call: readers see either the old
list of layers or the new one, never a mix. A layer's records hide the records of earlier
layers with the same ids, and each delta also names the ids it removed. A delta that is not
in the manifest (an update that died) is ignored by readers and deleted by the next ingest.

    >>> base = Layer("w-v1", 3)
    >>> d = Layer("w-v1-d2", 1, removed=("b",))
    >>> [sorted(h) for h in hidden_by_later([base, d], [["a", "b", "c"], ["c"]])]
    [['b', 'c'], []]
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Layer:
    """One collection of an index: its name, how many records it holds, and (for a delta)
    the ids of earlier layers' records it removes."""

    name: str
    records: int
    removed: tuple[str, ...] = ()


def delta_name(base: str) -> str:
    """A new, unique name for a delta of ``base``."""
    return f"{base}-d{time.time_ns()}"


def is_delta_of(prefix: str, name: str) -> bool:
    """True when ``name`` is a delta of some version of the index ``prefix``.

    >>> [is_delta_of("w", n) for n in ("w-v1-d2", "w-v1", "w-v1-d2-d3", "wx-v1-d2")]
    [True, False, False, False]
    """
    return re.fullmatch(rf"{re.escape(prefix)}-v\d+-d\d+", name) is not None


def read_manifest(meta: Mapping[str, Any]) -> tuple[int, int, tuple[Layer, ...]]:
    """(revision, records in the base collection, deltas) from a base's metadata; an index
    built before deltas existed is revision 0 with no deltas."""
    records = int(meta.get("records", 0))
    deltas = tuple(
        Layer(str(name), int(count), tuple(str(r) for r in removed))
        for name, count, removed in json.loads(str(meta.get("deltas") or "[]"))
    )
    return int(meta.get("revision", 0)), int(meta.get("base_records", records)), deltas


def manifest(revision: int, base_records: int, deltas: Sequence[Layer]) -> dict[str, Any]:
    """The metadata entries that describe the layers (merged into the base's metadata)."""
    listed = [[d.name, d.records, list(d.removed)] for d in deltas]
    return {
        "revision": revision,
        "base_records": base_records,
        "deltas": json.dumps(listed, ensure_ascii=False),
    }


def hidden_by_later(layers: Sequence[Layer], ids: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    """For each layer, the ids of its records that later layers replace or remove."""
    out: list[frozenset[str]] = []
    later: set[str] = set()
    for layer, layer_ids in zip(reversed(layers), reversed(ids), strict=True):
        out.append(frozenset(later.intersection(layer_ids)))
        later.update(layer_ids)
        later.update(layer.removed)
    return out[::-1]


def live_records(
    layers: Sequence[Layer], pages: Sequence[Mapping[str, list[Any]]]
) -> dict[str, list[Any]]:
    """The records of the index as one page (``Store.records`` shape): each layer's records
    that no later layer hides, base first, in stored order."""
    hidden = hidden_by_later(layers, [page["ids"] for page in pages])
    keys = ("ids", "documents", "metadatas", "embeddings")
    out: dict[str, list[Any]] = {key: [] for key in keys}
    for page, gone in zip(pages, hidden, strict=True):
        keep = [i for i, rid in enumerate(page["ids"]) if rid not in gone]
        for key in keys:
            if page.get(key):
                out[key].extend(page[key][i] for i in keep)
    return out
