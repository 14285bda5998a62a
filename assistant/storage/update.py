"""A change of a few documents written as a delta collection, at the cost of the change.

Only the new and changed texts are written (embedded, or with their old vectors when only
their document's details changed), to a new delta collection; then the base's manifest is
switched to list it (:meth:`Store.commit_delta`, one metadata write). Dying before that
switch leaves the old index as it was and an orphan delta the next ingest deletes; after
it, the new one. Once the deltas hold more than :data:`COMPACT_SHARE` of the base, or there
are :data:`MAX_DELTAS` of them, the next change is a full build into a fresh base instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..errors import StoreError
from ..reading.hashing import content_hash
from ..reading.records import TERMS_KEY
from ..values import Unit
from .layers import Layer
from .parallel import Encoders, Kept, write_units
from .store import CHROMA_BATCH, IndexInfo, Store

# Deltas are merged into a fresh base (a full build, copying every vector) when they hold
# this share of the base's records, or when there are this many: each delta costs queries
# one more Chroma call, and a full build at 100k sentences takes minutes (docs/BENCHMARKS.md).
COMPACT_SHARE = 0.2
MAX_DELTAS = 8


def due_for_compaction(active: IndexInfo, changed: int, removed: int) -> bool:
    """True when this change should rebuild the base rather than add a delta."""
    layered = sum(d.records + len(d.removed) for d in active.deltas) + changed + removed
    return len(active.deltas) >= MAX_DELTAS or layered > COMPACT_SHARE * active.layers[0].records


def update(
    store: Store,
    encoders: Encoders,
    changed: Sequence[Unit],
    current: Mapping[str, str],
    active: IndexInfo,
    stored: Mapping[str, str],
    options: tuple[bool, int, int | None],
    say: Callable[[str], None],
) -> tuple[IndexInfo, int, int] | None:
    """Write the difference between ``stored`` (record id -> content hash of the active
    index) and ``current`` (the same of the knowledge now) as one delta of ``active``: the
    ``changed`` units (those whose hash is not the stored one) are written, the ids missing
    from ``current`` hidden. Returns (new info, embedded, kept), or None when a full build
    is due instead. ``options``: (progress bar, batch size, workers)."""
    removed = tuple(sorted(set(stored) - current.keys()))
    if due_for_compaction(active, len(changed), len(removed)):
        return None
    store.drop_others(keep=active.name)  # leftovers of an interrupted build or update
    old = _old_vectors(store, active, [u.record_id for u in changed if u.record_id in stored])
    keep = [u for u in changed if (u.record_id, content_hash(u.text)) in old]
    fresh = [u for u in changed if (u.record_id, content_hash(u.text)) not in old]
    collection = store.begin_delta(active)
    kept: list[Kept] = [(u, *old[(u.record_id, content_hash(u.text))]) for u in keep]
    write_units(collection, encoders, kept, fresh, options)
    if collection.count() != len(changed):
        raise StoreError(
            f"The update holds {collection.count()} records, expected {len(changed)}; it was "
            "discarded and the previous index kept. Run ingest again."
        )
    info = store.commit_delta(active, Layer(collection.name, len(changed), removed), len(current))
    say(
        f"Indexed {len(current)} texts ({len(fresh)} embedded, {len(keep)} re-stored, "
        f"{len(removed)} removed) as update {info.revision} of {info.name}."
    )
    return info, len(fresh), len(current) - len(fresh)


def _old_vectors(
    store: Store, active: IndexInfo, ids: list[str]
) -> dict[tuple[str, str], tuple[list[float], str]]:
    """Vectors and terms stored for ``ids`` in any layer, by (record id, text hash): a text
    whose document's details changed but whose words did not keeps them."""
    out: dict[tuple[str, str], tuple[list[float], str]] = {}
    if not ids:
        return out
    for layer in active.layers:
        collection = store.collection(layer.name)
        for start in range(0, len(ids), CHROMA_BATCH):
            found: Any = collection.get(
                ids=ids[start : start + CHROMA_BATCH], include=["embeddings", "metadatas"]
            )
            for rid, meta, vector in zip(
                found["ids"], found["metadatas"], found["embeddings"], strict=True
            ):
                meta = meta or {}
                out[(rid, str(meta.get("text_hash")))] = (
                    list(vector),
                    str(meta.get(TERMS_KEY) or ""),
                )
    return out
