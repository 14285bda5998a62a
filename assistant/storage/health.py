"""Start-up check of the store with a real query, and repair from knowledge/.

A store the assistant recognises as its own (a Chroma database in the data folder) that cannot
be opened (truncated or garbage sqlite) is moved aside, never deleted, and a fresh one is
built. Anything else (a folder that is not writable, a path that is a file, a folder of other
files, an unreachable server) is an error that says what to do, and nothing is renamed.
An index that opens but fails a real query, or holds fewer records than it recorded, is
dropped and rebuilt. Every repair is reported through ``log``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import StoreDamaged, StoreError
from ..settings import Settings
from .embeddings import NamedEmbeddings
from .store import Store, describe, open_client


def quarantine(folder: Path) -> Path:
    """Move a damaged store folder aside (``<name>.damaged-<stamp>``) and return where to."""
    target = folder.with_name(f"{folder.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        folder.rename(target)
    except OSError as exc:
        raise StoreError(
            f"The store in {str(folder)!r} cannot be opened and cannot be moved aside "
            f"({exc.strerror}). Move or delete it yourself, then run `python -m assistant ingest`."
        ) from None
    try:  # chromadb caches one client per path; forget the damaged one
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # pragma: no cover - older chromadb
        pass
    return target


def probe(store: Store, embeddings: NamedEmbeddings) -> str | None:
    """What is wrong with the active index, or None if it answers a real query."""
    info = store.active()
    if info is None or info.embedder != embeddings.name:
        return None  # nothing built yet, or another embedder's: ingest rebuilds it
    try:
        for layer in info.deltas:  # each update's collection, whole
            if store.collection(layer.name).count() != layer.records:
                return f"update collection {layer.name} does not hold its {layer.records} records"
        collection = store.collection(info.name)
        recorded = info.layers[0].records
        if not _holds_exactly(collection, recorded):
            return f"the index holds {collection.count()} records but recorded {recorded}"
        if recorded:
            # A stored record's own vector must find records: a real query that needs no
            # words of any knowledge folder and no embedding call.
            sample = collection.get(limit=1, include=["embeddings"])
            result = collection.query(
                query_embeddings=[list(sample["embeddings"][0])], n_results=1, include=[]
            )
            if not (result["ids"] and result["ids"][0]):
                return "a test query found nothing"
    except Exception as exc:
        return f"a test query failed ({type(exc).__name__}: {str(exc)[:200]})"
    return None


def _holds_exactly(collection: Any, records: int) -> bool:
    """Whether ``collection`` holds ``records`` records: one at position ``records - 1`` and
    none after it. Two one-record reads; ``count()`` took 0.66 s of a cold start at 100k."""
    last = collection.get(limit=1, offset=max(records - 1, 0), include=[])["ids"]
    beyond = collection.get(limit=1, offset=records, include=[])["ids"]
    return bool(last) == (records > 0) and not beyond


def open_checked(
    settings: Settings, embeddings: NamedEmbeddings, log: Callable[[str], None]
) -> tuple[Store, bool]:
    """A store that passed the check, and whether it must be rebuilt from knowledge/."""
    try:
        client = open_client(settings)
    except StoreDamaged as exc:
        moved = quarantine(Path(settings.data_dir))
        log(f"The store could not be opened ({exc}). It was moved to {moved}; rebuilding it.")
        client = open_client(settings)
    store = Store(client, settings.collection, describe(settings))
    problem = probe(store, embeddings)
    if problem is None:
        return store, False
    log(f"The index is damaged: {problem}. Rebuilding it from {settings.knowledge_dir}.")
    store.drop_others(keep=None)
    return store, True
