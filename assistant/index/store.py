"""Chroma storage with atomic swaps: a new index becomes visible only when it is complete.

Each build writes a fresh collection ``<prefix>-v<timestamp>`` and marks it complete in its
metadata as the very last step; readers use the newest complete collection. A build that
dies part-way leaves an incomplete collection that readers ignore and the next build
deletes. Vectors are always passed in: Chroma's default embedding function never runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import StoreDamaged, StoreError
from ..settings import Settings

SCHEMA = 1
# Records read or copied per Chroma call: under its largest batch (get_max_batch_size() is
# 5461 for chromadb 1.5.9's embedded store), so one call never fails on size.
CHROMA_BATCH = 5000
INGEST_LOCK_WAIT_SECONDS = 60.0  # an ingest of the article takes seconds; 100k takes an hour


@dataclass(frozen=True)
class IndexInfo:
    """What built a stored index."""

    name: str
    embedder: str
    dim: int
    records: int
    built_at: float


def describe(settings: Settings) -> str:
    """Where the store of ``settings`` lives, for messages."""
    if settings.chroma_url:
        return f"the Chroma server at {settings.chroma_url}"
    return f"the store in {str(settings.data_dir)!r}"


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
    return _open_folder(Path(settings.data_dir))


# What the assistant itself keeps in a data folder besides Chroma's own files.
OWN_ENTRIES = frozenset({"snapshots", ".ingest.lock"})
CHROMA_DATABASE = "chroma.sqlite3"
_SEGMENT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")  # Chroma's


def _open_folder(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    where = str(path)
    if path.exists() and not path.is_dir():
        raise StoreError(
            f"ASSISTANT_DATA_DIR {where!r} is a file, not a folder. Point ASSISTANT_DATA_DIR at "
            "a folder (it is created if missing); the file was left as it is."
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise _not_writable(where) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot create the data folder {where!r}: {exc.strerror}. Set "
            "ASSISTANT_DATA_DIR to a folder the assistant can create and write."
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise _not_writable(where)
    if not (path / CHROMA_DATABASE).exists():
        foreign = sorted(
            p.name
            for p in path.iterdir()
            if p.name not in OWN_ENTRIES and not _SEGMENT.match(p.name)
        )
        if foreign:
            raise StoreError(
                f"Data folder {where!r} holds files that are not an assistant index "
                f"({', '.join(foreign[:3])}). Set ASSISTANT_DATA_DIR to an empty or new folder; "
                "nothing in it was changed."
            )
    elif not os.access(path / CHROMA_DATABASE, os.R_OK | os.W_OK):
        raise _not_writable(where)
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        return chromadb.PersistentClient(path=where, settings=chroma_settings)
    except PermissionError:
        raise _not_writable(where) from None
    except Exception as exc:
        if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
            raise _not_writable(where) from None
        raise StoreDamaged(f"Cannot open the Chroma store in {where!r}: {str(exc)[:200]}.") from exc


def _not_writable(where: str) -> StoreError:
    return StoreError(
        f"Data folder {where!r} is not writable. Fix its permissions or set "
        "ASSISTANT_DATA_DIR to a writable folder; nothing in it was changed."
    )


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
            page = collection.get(include=include, limit=CHROMA_BATCH, offset=offset)
            out["ids"].extend(page["ids"])
            out["documents"].extend(page["documents"] or [])
            out["metadatas"].extend(page["metadatas"] or [])
            if embeddings:
                out["embeddings"].extend(list(page["embeddings"]))
            if len(page["ids"]) < CHROMA_BATCH:
                return out
            offset += CHROMA_BATCH


@contextlib.contextmanager
def ingest_lock(
    settings: Settings, wait_seconds: float = INGEST_LOCK_WAIT_SECONDS
) -> Iterator[None]:
    """Cross-process lock (``filelock``) so that two ingests never write one embedded store at
    once; a server serialises its own writes, and builds go to distinct collections."""
    if settings.chroma_url:
        yield
        return
    from filelock import FileLock, Timeout

    lock_path = Path(settings.data_dir) / ".ingest.lock"
    if lock_path.is_dir():
        raise StoreError(
            f"{str(lock_path)!r} is a folder, where the ingest lock file belongs. Remove that "
            "folder, then run ingest again."
        )
    lock = FileLock(lock_path, timeout=wait_seconds)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(
            f"Another ingest has held {str(lock_path)!r} for over {wait_seconds:.0f} s. "
            "Wait for it to finish, then run ingest again."
        ) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot take the ingest lock {str(lock_path)!r}: {exc.strerror}. Check the data "
            "folder's permissions."
        ) from None
    try:
        yield
    finally:
        lock.release()
