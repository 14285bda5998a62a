"""Chroma storage with atomic swaps: a new index becomes visible only when it is complete.

Each build writes a fresh collection ``<prefix>-v<timestamp>`` and marks it complete in its
metadata as the very last step; readers use the newest complete collection. A build that
dies part-way leaves an incomplete collection that readers ignore and the next build
deletes. Vectors are always passed in: Chroma's default embedding function never runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import StoreError
from .settings import Settings

SCHEMA = 1
_PAGE = 5000


@dataclass(frozen=True)
class IndexInfo:
    """What built a stored index."""

    name: str
    embedder: str
    dim: int
    records: int
    built_at: float


def open_client(settings: Settings) -> Any:
    """An embedded ``PersistentClient`` in ``data_dir``, or an ``HttpClient`` for a URL."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        headers = (
            {"Authorization": f"Bearer {settings.chroma_token}"} if settings.chroma_token else None
        )
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                headers=headers,
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({type(exc).__name__}). "
                "Start it (`chroma run --host 127.0.0.1 --port 8000 --path DIR`) or unset "
                "ASSISTANT_CHROMA_URL to use the embedded store."
            ) from None
        return client
    path = settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True)
        if not os.access(path, os.W_OK):
            raise PermissionError(path)
    except PermissionError:
        raise StoreError(
            f"Data folder {str(path)!r} is not writable. Fix its permissions or set "
            "ASSISTANT_DATA_DIR to a writable folder."
        ) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot create the data folder {str(path)!r}: {exc.strerror}. Set "
            "ASSISTANT_DATA_DIR to a folder the assistant can create and write."
        ) from None
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except PermissionError:
        raise StoreError(
            f"Data folder {str(path)!r} is not writable. Fix its permissions or set "
            "ASSISTANT_DATA_DIR to a writable folder."
        ) from None
    except Exception as exc:
        raise StoreError(
            f"Cannot open the Chroma store in {str(path)!r}: {exc}. Delete the folder to rebuild "
            "it from knowledge/ with `python -m assistant ingest`."
        ) from exc


class Store:
    """The versioned collections of one prefix on one Chroma client."""

    def __init__(self, client: Any, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def _versions(self) -> list[Any]:
        try:
            collections = self.client.list_collections()
        except Exception as exc:
            raise StoreError(f"Cannot list Chroma collections: {exc}") from exc
        mine = [c for c in collections if c.name.startswith(f"{self.prefix}-v")]
        return sorted(mine, key=lambda c: c.name)

    def active(self) -> IndexInfo | None:
        """The newest complete index, or None when nothing was built yet."""
        for collection in reversed(self._versions()):
            meta = collection.metadata or {}
            if meta.get("complete") and meta.get("schema") == SCHEMA:
                return IndexInfo(
                    name=collection.name,
                    embedder=str(meta.get("embedder", "")),
                    dim=int(meta.get("dim", 0)),
                    records=int(meta.get("records", 0)),
                    built_at=float(meta.get("built_at", 0.0)),
                )
        return None

    def collection(self, name: str) -> Any:
        try:
            return self.client.get_collection(name=name)
        except Exception as exc:
            raise StoreError(
                f"Index {name!r} is gone ({type(exc).__name__}); another process may have "
                "replaced it. Retry, or run `python -m assistant ingest`."
            ) from exc

    def begin(self, embedder: str, dim: int) -> Any:
        """A new, empty, incomplete collection for a build."""
        name = f"{self.prefix}-v{time.time_ns()}"
        return self.client.create_collection(
            name=name,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"schema": SCHEMA, "embedder": embedder, "dim": dim, "complete": False},
        )

    def commit(self, collection: Any, embedder: str, dim: int) -> IndexInfo:
        """Mark ``collection`` complete (the atomic switch), then drop older versions."""
        records = collection.count()
        built_at = time.time()
        collection.modify(
            metadata={
                "schema": SCHEMA,
                "embedder": embedder,
                "dim": dim,
                "records": records,
                "built_at": built_at,
                "complete": True,
            }
        )
        self.drop_others(keep=collection.name)
        return IndexInfo(collection.name, embedder, dim, records, built_at)

    def drop_others(self, keep: str | None) -> int:
        """Delete every version but ``keep`` (unfinished builds included); how many."""
        dropped = 0
        for collection in self._versions():
            if collection.name != keep:
                with contextlib.suppress(Exception):
                    self.client.delete_collection(collection.name)
                    dropped += 1
        return dropped

    def records(self, name: str, *, embeddings: bool = False) -> dict[str, Any]:
        """All ids, documents and metadatas (and vectors if asked) of one index, paged."""
        collection = self.collection(name)
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        out: dict[str, list[Any]] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        offset = 0
        while True:
            page = collection.get(include=include, limit=_PAGE, offset=offset)
            out["ids"].extend(page["ids"])
            out["documents"].extend(page["documents"] or [])
            out["metadatas"].extend(page["metadatas"] or [])
            if embeddings:
                out["embeddings"].extend(list(page["embeddings"]))
            if len(page["ids"]) < _PAGE:
                return out
            offset += _PAGE


@contextlib.contextmanager
def ingest_lock(settings: Settings, wait_seconds: float = 60.0) -> Iterator[None]:
    """Cross-process lock so that two ingests never write one embedded store at once."""
    if settings.chroma_url:
        yield  # a server serialises its own writes; builds go to distinct collections
        return
    lock_path = Path(settings.data_dir) / ".ingest.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"Another ingest has held {lock_path} for over {wait_seconds:.0f} s. "
                        "Wait for it to finish, then run ingest again."
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
