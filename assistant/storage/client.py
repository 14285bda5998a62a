"""Opening Chroma: an embedded store in a data folder, or a server by URL; one-line errors
for folders that are not usable and a server that cannot be reached."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import StoreDamaged, StoreError
from ..settings import Settings


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


OPEN_LOCK = ".open.lock"
OPEN_LOCK_WAIT_SECONDS = 60.0  # opening takes well under a second; creating one, about 0.3 s
# What the assistant itself keeps in a data folder besides Chroma's own files.
OWN_ENTRIES = frozenset({"snapshots", ".ingest.lock", OPEN_LOCK})
CHROMA_DATABASE = "chroma.sqlite3"
# Chroma's own: its database, sqlite's journals beside it, and its segment folders.
_CHROMA_OWN = re.compile(
    r"chroma\.sqlite3(-journal|-wal|-shm)?$"
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


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
            if p.name not in OWN_ENTRIES and not _CHROMA_OWN.match(p.name)
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
        # Two processes creating one new store at once both ran Chroma's migrations ("table
        # collections already exists"), and the loser moved the winner's store aside as
        # damaged: opening takes turns.
        with file_lock(path / OPEN_LOCK, OPEN_LOCK_WAIT_SECONDS, "process opening the store"):
            return chromadb.PersistentClient(path=where, settings=chroma_settings)
    except StoreError:
        raise
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


@contextlib.contextmanager
def file_lock(path: Path, wait_seconds: float, holder: str) -> Iterator[None]:
    """Hold the cross-process lock file ``path`` (``filelock``), waiting at most
    ``wait_seconds`` for the ``holder`` that has it (e.g. "ingest"); :class:`StoreError` when
    it cannot be had."""
    from filelock import FileLock, Timeout

    if path.is_dir():
        raise StoreError(
            f"{str(path)!r} is a folder, where a lock file belongs. Remove that folder, then "
            "try again."
        )
    lock = FileLock(path, timeout=wait_seconds)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(
            f"Another {holder} has held {str(path)!r} for over {wait_seconds:.0f} s. Wait for "
            "it to finish, then try again."
        ) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot take the lock {str(path)!r}: {exc.strerror}. Check the data folder's "
            "permissions."
        ) from None
    try:
        yield
    finally:
        lock.release()
