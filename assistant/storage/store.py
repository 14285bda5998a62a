"""Chroma storage with atomic swaps: a new index becomes visible only when it is complete.

Each build writes a fresh collection ``<prefix>-v<timestamp>`` and marks it complete in its
metadata as the very last step; readers use the newest complete collection. A build that
dies part-way leaves an incomplete collection that readers ignore and the next build
deletes. A small change is written as a delta collection instead and switched in through
the base's metadata (:mod:`layers`). Vectors are always passed in: Chroma's default
embedding function never runs.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..settings import Settings
from .client import describe, file_lock, open_client
from .layers import Layer, delta_name, is_delta_of, live_records, manifest, read_manifest

SCHEMA = 1
# Records read or copied per Chroma call: under its largest batch (get_max_batch_size() is
# 5461 for chromadb 1.5.9's embedded store), so one call never fails on size.
CHROMA_BATCH = 5000
__all__ = ["CHROMA_BATCH", "IndexInfo", "Store", "describe", "ingest_lock", "open_client"]
INGEST_LOCK_WAIT_SECONDS = 60.0  # an ingest of the article takes seconds; 100k takes an hour


@dataclass(frozen=True)
class IndexInfo:
    """What built a stored index."""

    name: str
    embedder: str
    dim: int
    records: int  # live records, all layers together
    built_at: float
    revision: int = 0  # raised by each update that adds a delta (storage/layers.py)
    base_records: int = -1  # records in the base collection itself; -1: same as records
    deltas: tuple[Layer, ...] = ()
    terms: str = ""  # the sparse terms its records carry (storage/terms.py); "": none

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The base collection and then the deltas, oldest first."""
        base = self.base_records if self.base_records >= 0 else self.records
        return (Layer(self.name, base), *self.deltas)


def is_version_of(prefix: str, name: str) -> bool:
    """True when collection ``name`` is a version of the index ``prefix``: exactly
    ``<prefix>-v<digits>``, so ``wuf13`` never claims ``wuf13-v2-v17...``.

    >>> [is_version_of("wuf13", n) for n in ("wuf13-v17", "wuf13-v2-v17", "wuf13x-v1")]
    [True, False, False]
    """
    return re.fullmatch(rf"{re.escape(prefix)}-v\d+", name) is not None


class Store:
    """The versioned collections of one prefix on one Chroma client."""

    def __init__(self, client: Any, prefix: str, where: str = "the Chroma store") -> None:
        self.client = client
        self.prefix = prefix
        self.where = where  # for messages: "the Chroma server at http://..." or a folder

    def _versions(self) -> list[Any]:
        try:
            collections = self.client.list_collections()
        except Exception as exc:
            raise StoreError(
                f"Cannot read {self.where} ({type(exc).__name__}: {str(exc)[:160]}). Check that "
                "it is running and reachable, then retry."
            ) from exc
        mine = [c for c in collections if is_version_of(self.prefix, c.name)]
        return sorted(mine, key=lambda c: c.name)

    def active(self) -> IndexInfo | None:
        """The newest complete index, or None when nothing was built yet."""
        for collection in reversed(self._versions()):
            meta = collection.metadata or {}
            if meta.get("complete") and meta.get("schema") == SCHEMA:
                return info_from(collection.name, meta)
        return None

    def collection(self, name: str) -> Any:
        try:
            return self.client.get_collection(name=name)
        except Exception as exc:
            raise StoreError(
                f"Index {name!r} is gone ({type(exc).__name__}); another process may have "
                "replaced it. Retry, or run `python -m assistant ingest`."
            ) from exc

    def begin(self, embedder: str, dim: int, terms: str = "") -> Any:
        """A new, empty, incomplete collection for a build."""
        name = f"{self.prefix}-v{time.time_ns()}"
        return self.client.create_collection(
            name=name,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={
                "schema": SCHEMA,
                "embedder": embedder,
                "dim": dim,
                "terms": terms,
                "complete": False,
            },
        )

    def unfinished(self, embedder: str, dim: int, terms: str = "") -> Any | None:
        """The newest build that never completed (its process was killed part-way) by the
        same encoders, or None: a new build continues it rather than embed its texts again."""
        for collection in reversed(self._versions()):
            meta = collection.metadata or {}
            made_by = (meta.get("schema"), meta.get("embedder"), meta.get("dim"), meta.get("terms"))
            if meta.get("complete") is False and made_by == (SCHEMA, embedder, dim, terms):
                return collection
        return None

    def commit(self, collection: Any, embedder: str, dim: int, terms: str = "") -> IndexInfo:
        """Mark ``collection`` complete (the atomic switch), then drop older versions."""
        records = collection.count()
        info = IndexInfo(
            collection.name, embedder, dim, records, time.time(), 0, records, terms=terms
        )
        collection.modify(metadata=_metadata(info))
        self.drop_others(keep=collection.name)
        return info

    def begin_delta(self, base: IndexInfo) -> Any:
        """A new, empty collection for the texts one update adds to ``base``."""
        return self.client.create_collection(
            name=delta_name(base.name),
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"schema": SCHEMA, "delta_of": base.name},
        )

    def commit_delta(self, base: IndexInfo, delta: Layer, records: int) -> IndexInfo:
        """Switch ``base``'s manifest to include ``delta`` (one metadata write: the atomic
        switch of an update); the index now holds ``records`` live records."""
        info = replace(
            base,
            records=records,
            revision=base.revision + 1,
            base_records=base.layers[0].records,
            deltas=(*base.deltas, delta),
        )
        self.collection(base.name).modify(metadata=_metadata(info))
        return info

    def drop_others(self, keep: str | None) -> int:
        """Delete every version but ``keep`` (unfinished builds included), and every delta
        that ``keep``'s manifest does not list; how many."""
        listed: set[str] = set()
        dropped = 0
        for collection in self._versions():
            if collection.name == keep:
                listed = {
                    d.name for d in info_from(collection.name, collection.metadata or {}).deltas
                }
                continue
            with contextlib.suppress(Exception):
                self.client.delete_collection(collection.name)
                dropped += 1
        for name in self._delta_names():
            if name not in listed:
                with contextlib.suppress(Exception):
                    self.client.delete_collection(name)
                    dropped += 1
        return dropped

    def _delta_names(self) -> list[str]:
        with contextlib.suppress(Exception):
            return [
                c.name for c in self.client.list_collections() if is_delta_of(self.prefix, c.name)
            ]
        return []

    def live(self, info: IndexInfo, *, embeddings: bool = False) -> dict[str, Any]:
        """Every live record of ``info``, all its layers together (see :mod:`layers`)."""
        if not info.deltas:
            return self.records(info.name, embeddings=embeddings)
        pages = [self.records(layer.name, embeddings=embeddings) for layer in info.layers]
        return live_records(info.layers, pages)

    def records(self, name: str, *, embeddings: bool = False) -> dict[str, Any]:
        """All ids, documents and metadatas (and vectors if asked) of one index, paged."""
        collection = self.collection(name)
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        out: dict[str, list[Any]] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        offset = 0
        while True:
            page = collection.get(include=include, limit=CHROMA_BATCH, offset=offset)
            out["ids"].extend(page["ids"])
            out["documents"].extend(page["documents"] or [])
            out["metadatas"].extend(page["metadatas"] or [])
            if embeddings:
                out["embeddings"].extend(list(page["embeddings"]))
            if len(page["ids"]) < CHROMA_BATCH:
                return out
            offset += CHROMA_BATCH


def info_from(name: str, meta: Mapping[str, Any]) -> IndexInfo:
    """The :class:`IndexInfo` a complete base collection's metadata describes."""
    revision, base_records, deltas = read_manifest(meta)
    return IndexInfo(
        name=name,
        embedder=str(meta.get("embedder", "")),
        dim=int(meta.get("dim", 0)),
        records=int(meta.get("records", 0)),
        built_at=float(meta.get("built_at", 0.0)),
        revision=revision,
        base_records=base_records,
        deltas=deltas,
        terms=str(meta.get("terms", "")),
    )


def _metadata(info: IndexInfo) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "embedder": info.embedder,
        "dim": info.dim,
        "terms": info.terms,
        "records": info.records,
        "built_at": info.built_at,
        "complete": True,
        **manifest(info.revision, info.layers[0].records, info.deltas),
    }


@contextlib.contextmanager
def ingest_lock(
    settings: Settings, wait_seconds: float = INGEST_LOCK_WAIT_SECONDS
) -> Iterator[None]:
    """Cross-process lock (``filelock``) so that two ingests never write one embedded store at
    once; a server serialises its own writes, and builds go to distinct collections."""
    if settings.chroma_url:
        yield
        return
    with file_lock(Path(settings.data_dir) / ".ingest.lock", wait_seconds, "ingest"):
        yield
