"""A loaded index's derived parts saved beside the store, so that the next start reads one
file instead of every record of the collection and recomputing from them.

Deriving the parts from the records costs about 0.3 ms per record (3 s at 10k sentences,
half of it Chroma returning the records; docs/BENCHMARKS.md). An index version never changes
once complete (each build is a new collection with a unique name), so the snapshot of a
version stays valid while that version is active; its name, record count and build time are
checked on reading anyway. One ``.npz`` without pickles (arrays for BM25, JSON for text),
written to a temporary file and renamed into place. A missing, stale or unreadable snapshot
is ignored (and replaced); a folder that cannot be written only costs the speed-up.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from .bm25 import BM25
from .coverage import Vocabulary
from .models import Unit
from .parts import IndexParts
from .settings import Settings
from .store import IndexInfo, is_version_of

FORMAT = 1
SNAPSHOTS = "snapshots"  # the folder in the data directory
STALE_TEMPORARY_SECONDS = 3600  # a write takes seconds; older temporary files are leftovers
_log = logging.getLogger("assistant")


def folder_for(settings: Settings) -> Path:
    """Where the snapshots of ``settings``' indexes live: ``<data dir>/snapshots``."""
    return Path(settings.data_dir) / SNAPSHOTS


def _header(info: IndexInfo) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "name": info.name,
        "records": info.records,
        "built_at": info.built_at,
        "embedder": info.embedder,
    }


def _pack(value: Any) -> np.ndarray[Any, Any]:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _unpack(array: np.ndarray[Any, Any]) -> Any:
    return json.loads(array.tobytes().decode("utf-8"))


def path_for(folder: Path, info: IndexInfo) -> Path:
    return folder / f"{info.name}.npz"


def save(folder: Path, info: IndexInfo, parts: IndexParts) -> Path | None:
    """Write the snapshot of ``info``'s parts and remove those of older versions of the same
    index; the path written, or None when the folder cannot be written (logged)."""
    docs: dict[tuple[str, str, str, str, str], int] = {}
    rows = []
    for u in parts.units:
        doc = (u.doc_slug, u.doc_title, u.doc_path, u.doc_published, u.doc_source)
        rows.append(
            [
                u.record_id, u.sentence_id, docs.setdefault(doc, len(docs)), u.index, u.text,
                u.language, u.is_translation,
                "" if u.original_text == u.text else u.original_text, u.content_hash,
            ]
        )  # fmt: skip
    size, terms, arrays = parts.bm25.state()
    text = {
        "header": _header(info),
        "docs": list(docs),
        "units": rows,
        "bm25_size": size,
        "terms": terms,
        "vocabulary": parts.vocabulary.state(),
        "suspect": sorted(parts.suspect),
    }
    target = path_for(folder, info)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    text=_pack(text),
                    offsets=arrays["offsets"],
                    doc_ids=arrays["doc_ids"],
                    weights=arrays["weights"],
                )
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    except OSError as exc:
        _log.info("Index snapshot not written to %s: %s", folder, exc)
        return None
    prefix = info.name.rsplit("-v", 1)[0]
    stale = time.time() - STALE_TEMPORARY_SECONDS  # left by a writer killed mid-way
    for old in folder.glob("*.npz"):
        if old == target:
            continue
        older_version = is_version_of(prefix, old.name.removesuffix(".npz"))
        with contextlib.suppress(OSError):
            if older_version or (old.name.startswith(".tmp-") and old.stat().st_mtime < stale):
                old.unlink()
    return target


def load(folder: Path, info: IndexInfo) -> IndexParts | None:
    """The parts saved for ``info``, or None when there is no valid snapshot of it."""
    path = path_for(folder, info)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            text = _unpack(stored["text"])
            if text["header"] != _header(info):
                raise ValueError(f"it is of another index ({text['header']})")
            arrays = {k: stored[k] for k in ("offsets", "doc_ids", "weights")}
        docs = [tuple(doc) for doc in text["docs"]]
        units = []
        for rid, sid, doc, index, body, language, is_translation, original, digest in text["units"]:
            slug, title, doc_path, published, source = docs[doc]
            units.append(
                Unit(
                    rid, sid, slug, int(index), body, language, bool(is_translation),
                    original or body, title, doc_path, published, source, digest,
                )
            )  # fmt: skip
        if len(units) != info.records or text["bm25_size"] != len(units):
            raise ValueError(f"it holds {len(units)} records, the index {info.records}")
        return IndexParts(
            units=tuple(units),
            bm25=BM25.from_state(text["bm25_size"], text["terms"], arrays),
            vocabulary=Vocabulary.from_state(text["vocabulary"]),
            suspect=frozenset(text["suspect"]),
        )
    except Exception as exc:  # whatever is wrong with it, the records are still there
        _log.warning("Ignoring the index snapshot %s (%s); rebuilding it.", path, exc)
        return None
