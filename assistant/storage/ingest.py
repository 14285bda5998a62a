"""Build or refresh the index from the knowledge folder: idempotent, incremental, atomic.

* Unchanged knowledge (same record ids and content hashes, same embedder) writes nothing.
* A small change is written as a delta of the active index (:mod:`update`): only new or
  changed texts are written, and one metadata write switches readers to it.
* Otherwise a new collection is built: vectors of unchanged texts are copied from the old
  index, only new or changed texts are embedded, stale records simply are not carried over.
  The new collection replaces the old one only once it is complete (see :mod:`store`).
* An index built by another embedder (or dimension) is rebuilt, and the report says why; so
  is one without the sparse terms the ranker reads (built before they existed), its vectors
  reused.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import AssistantError, StoreError
from ..reading.columns import UnitColumns
from ..reading.documents import SourceDocument, read_knowledge
from ..reading.files import Caps
from ..reading.hashing import content_hash
from ..reading.records import TERMS_KEY, to_metadata
from ..reading.unchanged import NAME as MEMO
from ..reading.unchanged import FileMemo
from ..settings import Settings
from ..text.safety import instructions_among
from ..values import Unit
from . import snapshot
from .parallel import Encoders, Kept, write_units
from .store import CHROMA_BATCH, IndexInfo, Store, ingest_lock
from .update import update

_T = TypeVar("_T")


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    documents: int
    records: int
    embedded: int
    reused: int
    deleted: int
    unchanged: bool
    index: str
    rebuilt_because: str | None
    seconds: float
    flagged: tuple[str, ...] = ()  # sentence ids that read like instructions to an AI
    skipped: tuple[str, ...] = ()  # one line per file that could not be indexed, and why


def ingest(
    settings: Settings,
    encoders: Encoders,
    store: Store,
    *,
    progress: bool = True,
    log: Callable[[str], None] | None = None,
) -> IngestReport:
    """Bring the store's index in line with ``settings.knowledge_dir``.

    Files that cannot be used are left out, each reported in ``skipped``; a folder without
    any usable document raises before anything is written. A failure while building leaves
    the previous index in place and removes the unfinished one.
    """
    started = time.perf_counter()
    say = log or (lambda message: None)
    caps = Caps.of(settings)
    memo = FileMemo(snapshot.folder_for(settings) / MEMO, settings.knowledge_dir, caps)
    knowledge = read_knowledge(settings.knowledge_dir, caps, memo)  # only changed files read
    documents = knowledge.documents
    skipped = tuple(str(s) for s in knowledge.skipped)
    keys = _Keys(documents)
    current, flagged, count = keys.current, keys.flagged, keys.count
    with ingest_lock(settings):
        active = store.active()
        reason: str | None = None
        stored: dict[str, str] = {}
        if active is not None:
            reason = _rebuild_reason(active, encoders)
            if reason is not None:
                say(f"Rebuilding the index: {reason}.")
            else:
                stored = _stored_hashes(settings, store, active)
                if current == stored:
                    store.drop_others(keep=active.name)  # leftovers of an interrupted build
                    return IngestReport(
                        len(documents), count, 0, 0, 0, True, active.name, None,
                        time.perf_counter() - started, flagged, skipped,
                    )  # fmt: skip
        options = (progress, settings.batch_size, settings.ingest_workers)
        done = None
        if active is not None and reason is None:  # a delta when the change is small
            base, changed = active, keys.changed(stored)
            done = _guarded(
                store,
                active,
                lambda: update(store, encoders, changed, current, base, stored, options, say),
            )
        if done is None:
            units = [unit for doc in documents for unit in doc.units]
            done = _guarded(
                store, active, lambda: _build(store, encoders, units, active, options, say)
            )
        info, embedded, reused = done
        deleted = len(set(stored) - current.keys()) if reason is None else 0
        return IngestReport(
            len(documents), count, embedded, reused, deleted, False, info.name, reason,
            time.perf_counter() - started, flagged, skipped,
        )  # fmt: skip


class _Keys:
    """The knowledge's record ids and content hashes, and its sentences that read like
    instructions, read as columns: the units of files recalled from the memo are made only
    for the texts that changed (making all 100k took 0.8 s of every update at that size)."""

    def __init__(self, documents: Sequence[SourceDocument]) -> None:
        self.documents = documents
        self.columns = [_key_columns(doc.units) for doc in documents]
        self.current = {
            rid: h for ids, hashes, _, _ in self.columns for rid, h in zip(ids, hashes, strict=True)
        }
        flagged = {sids[i] for _, _, texts, sids in self.columns for i in instructions_among(texts)}
        self.flagged = tuple(sorted(flagged))
        self.count = sum(len(ids) for ids, _, _, _ in self.columns)

    def changed(self, stored: Mapping[str, str]) -> list[Unit]:
        """The units whose content hash is not the one ``stored`` (record id -> hash)."""
        return [
            doc.units[row]
            for doc, (ids, hashes, _, _) in zip(self.documents, self.columns, strict=True)
            for row, (rid, h) in enumerate(zip(ids, hashes, strict=True))
            if stored.get(rid) != h
        ]


def _key_columns(units: Sequence[Unit]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Record ids, content hashes, texts and sentence ids of ``units``, read from the
    columns of units recalled from the memo without making them."""
    if isinstance(units, UnitColumns):
        return units.key_columns()
    return (
        [u.record_id for u in units],
        [u.content_hash for u in units],
        [u.text for u in units],
        [u.sentence_id for u in units],
    )


def _rebuild_reason(active: IndexInfo, encoders: Encoders) -> str | None:
    """Why the active index must be built afresh, or None when it can be updated."""
    embeddings = encoders.embeddings
    if active.embedder != embeddings.name or active.dim != embeddings.dim:
        return (
            f"the index was built with {active.embedder} ({active.dim} dimensions) and "
            f"the settings ask for {embeddings.name} ({embeddings.dim})"
        )
    if active.terms != encoders.terms.name:
        return f"the index has no {encoders.terms.name} terms (it predates them; vectors reused)"
    return None


def _stored_hashes(settings: Settings, store: Store, active: IndexInfo) -> dict[str, str]:
    """Record id -> content hash of the active index: from its snapshot when there is one
    (one file; at 100k sentences Chroma takes seconds to return every record)."""
    saved = snapshot.stored_hashes(snapshot.folder_for(settings), active)
    if saved is not None:
        return saved
    old = store.live(active)
    return {
        rid: str(meta.get("content_hash"))
        for rid, meta in zip(old["ids"], old["metadatas"], strict=True)
    }


def _guarded(store: Store, active: IndexInfo | None, write: Callable[[], _T]) -> _T:
    """Run ``write``; if it fails, remove what it left unfinished and keep ``active``."""
    try:
        return write()
    except BaseException as exc:
        store.drop_others(keep=active.name if active else None)
        if isinstance(exc, AssistantError | KeyboardInterrupt):
            raise
        raise StoreError(
            f"Building the index failed ({type(exc).__name__}: {exc}); the previous index is "
            "unchanged. Fix the cause and run `python -m assistant ingest` again."
        ) from exc


def _build(
    store: Store,
    encoders: Encoders,
    units: list[Unit],
    active: IndexInfo | None,
    options: tuple[bool, int, int | None],
    say: Callable[[str], None],
) -> tuple[IndexInfo, int, int]:
    """A full build into a fresh collection: vectors of unchanged texts are copied, not
    recomputed, nor their terms. (This read, with vectors, happens only when something
    changed; the no-change check reads metadata only.) Vectors are reused when the index
    was built by the same embedder (``active.embedder``), whatever its terms."""
    reusable: dict[tuple[str, str], tuple[list[float], str]] = {}
    embeddings = encoders.embeddings
    if active is not None and active.embedder == embeddings.name and active.dim == embeddings.dim:
        old = store.live(active, embeddings=True)
        for rid, meta, vector in zip(old["ids"], old["metadatas"], old["embeddings"], strict=True):
            code = str(meta.get(TERMS_KEY) or "") if active.terms == encoders.terms.name else ""
            reusable[(rid, str(meta.get("text_hash")))] = (list(vector), code)
    made_by = (embeddings.name, embeddings.dim, encoders.terms.name)
    collection, written = store.unfinished(*made_by), set()
    if collection is not None:
        written = _continued(store, collection, units)
        say(f"Continuing an interrupted build: {len(written)} texts it wrote are kept.")
    else:
        collection = store.begin(*made_by)
    key = {u.record_id: (u.record_id, content_hash(u.text)) for u in units}
    left = [u for u in units if u.record_id not in written]
    keep = [u for u in left if key[u.record_id] in reusable]
    fresh = [u for u in left if key[u.record_id] not in reusable]
    kept: list[Kept] = [(u, *reusable[key[u.record_id]]) for u in keep]
    write_units(collection, encoders, kept, fresh, options)
    if collection.count() != len(units):
        raise StoreError(
            f"The new index holds {collection.count()} records, expected {len(units)}; "
            "it was discarded and the previous index kept. Run ingest again."
        )
    info = store.commit(collection, *made_by)
    say(f"Indexed {len(units)} texts ({len(fresh)} embedded, {len(units) - len(fresh)} reused).")
    return info, len(fresh), len(units) - len(fresh)


def _continued(store: Store, collection: Any, units: list[Unit]) -> set[str]:
    """Ids of the records an interrupted build wrote exactly as ``units`` want them (with
    their terms); the records it wrote that are no longer wanted are deleted."""
    wanted = {u.record_id: u for u in units}
    page = store.records(collection.name)
    done, stale = set(), []
    for rid, text, meta in zip(page["ids"], page["documents"], page["metadatas"], strict=True):
        unit = wanted.get(rid)
        fields = {k: v for k, v in (meta or {}).items() if k != TERMS_KEY}
        if unit is None:
            stale.append(rid)
        elif text == unit.text and (meta or {}).get(TERMS_KEY) and fields == to_metadata(unit):
            done.add(rid)
    for start in range(0, len(stale), CHROMA_BATCH):
        collection.delete(ids=stale[start : start + CHROMA_BATCH])
    return done
