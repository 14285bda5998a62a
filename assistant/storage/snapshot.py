"""What a loaded index derives from its records, saved beside the store, so that the next start
reads one file instead of every record of the collection and recomputing from them.

Deriving the parts from the records costs about 0.3 ms per record (3 s at 10k sentences,
half of it Chroma returning the records; docs/BENCHMARKS.md). An index version never changes
once complete (each build is a new collection with a unique name), so the snapshot of a
version stays valid while that version is active; its name, record count and build time are
checked on reading anyway. One ``.npz`` without pickles (named arrays, JSON for text),
written to a temporary file and renamed into place. A missing, stale or unreadable snapshot
is ignored (and replaced); a folder that cannot be written only costs the speed-up.

A version's base collection has its snapshot, ``<index>.npz``; once updates added deltas,
revision N has its own, ``<index>.r<N>.npz``, holding only what the deltas changed: the
base's records they hide and their live records. The base's stays beside it, unchanged (it
held 154 MB of vectors at 100k sentences, rewritten by every update before).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..reading.columns import UnitColumns
from ..settings import Settings
from .mapped import mapped_arrays
from .store import IndexInfo, is_version_of

FORMAT = 3  # 2: units as columns (reading/records.py), derived parts as named arrays/data;
# 3: a revision's snapshot holds its deltas' records and the base's records they hide
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
        "revision": info.revision,
    }


def _pack(value: Any) -> np.ndarray[Any, Any]:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _unpack(array: np.ndarray[Any, Any]) -> Any:
    return json.loads(array.tobytes().decode("utf-8"))


def path_for(folder: Path, info: IndexInfo) -> Path:
    """``<index>.npz``, or ``<index>.r<revision>.npz`` once updates added deltas."""
    return folder / (f"{info.name}.r{info.revision}.npz" if info.revision else f"{info.name}.npz")


def _version(path: Path) -> str:
    """The index version a snapshot file belongs to (its name without revision)."""
    return re.sub(r"\.r\d+$", "", path.name.removesuffix(".npz"))


@dataclass(frozen=True)
class Snapshot:
    """What a snapshot holds: units, and the arrays and data derived from them; for a
    revision, the ids of the records its deltas replaced or removed (``hidden``)."""

    units: UnitColumns
    arrays: dict[str, np.ndarray[Any, Any]]
    data: dict[str, Any]
    hidden: frozenset[str] = frozenset()


def base_of(info: IndexInfo) -> IndexInfo:
    """The index ``info`` as its base collection alone (revision 0, no deltas)."""
    return replace(info, revision=0, records=info.layers[0].records, base_records=-1, deltas=())


def save(
    folder: Path,
    info: IndexInfo,
    units: UnitColumns,
    arrays: Mapping[str, np.ndarray[Any, Any]],
    data: Mapping[str, Any],
    hidden: Iterable[str] = (),
) -> Path | None:
    """Write the snapshot of ``info`` (for a revision: the units its deltas added, and the
    ids they replaced or removed, ``hidden``) and remove those of older versions and
    revisions of the same index; the path written, or None when the folder cannot be
    written (logged)."""
    text = {
        "header": _header(info), "units": units.columns, "data": dict(data),
        "hidden": sorted(hidden),
    }  # fmt: skip
    target = path_for(folder, info)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                named: dict[str, Any] = {f"array_{k}": v for k, v in arrays.items()}
                np.savez(stream, text=_pack(text), **named)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    except OSError as exc:
        _log.info("Index snapshot not written to %s: %s", folder, exc)
        return None
    _remove_older(folder, info, target)
    return target


def _remove_older(folder: Path, info: IndexInfo, target: Path) -> None:
    """Delete snapshots of older versions and revisions of this index (never the base of
    ``info``'s version), and temporary files left by a writer killed mid-way (older than an
    hour)."""
    prefix = info.name.rsplit("-v", 1)[0]
    stale = time.time() - STALE_TEMPORARY_SECONDS
    for old in folder.glob("*.npz"):
        if old in (target, path_for(folder, base_of(info))):
            continue
        older_version = is_version_of(prefix, _version(old))
        with contextlib.suppress(OSError):
            if older_version or (old.name.startswith(".tmp-") and old.stat().st_mtime < stale):
                old.unlink()


def load(folder: Path, info: IndexInfo, revision: int | None = None) -> Snapshot | None:
    """The snapshot saved for ``info`` (at revision 0, its base's), or None when there is
    no valid one; with ``revision``, the one saved for that earlier revision of the index."""
    wanted = info if revision is None else replace(info, revision=revision)
    path = path_for(folder, wanted)
    if not path.exists():
        return None
    try:
        stored = mapped_arrays(path)  # the vectors and postings stay on disk until used
        text = _unpack(stored["text"])
        expected = _header(wanted)
        if revision is not None:  # an earlier revision held another number of records
            expected["records"] = text["header"].get("records")
        if text["header"] != expected:
            raise ValueError(f"it is of another index ({text['header']})")
        arrays = {k.removeprefix("array_"): v for k, v in stored.items() if k.startswith("array_")}
        units = UnitColumns(text["units"])  # each Unit is made when first used
        if not wanted.revision and len(units) != expected["records"]:
            raise ValueError(f"it holds {len(units)} records, the index {expected['records']}")
        return Snapshot(units, arrays, text["data"], frozenset(text["hidden"]))
    except Exception as exc:  # whatever is wrong with it, the records are still there
        ignored(folder, info, exc)
        return None


def ignored(folder: Path, info: IndexInfo, problem: Exception) -> None:
    """Say that the snapshot of ``info`` is not used, and why (it will be rewritten)."""
    path = path_for(folder, info)
    _log.warning("Ignoring the index snapshot %s (%s); rebuilding it.", path, problem)


def stored_hashes(folder: Path, info: IndexInfo) -> dict[str, str] | None:
    """Record id -> content hash of every live record of ``info``, from its snapshots (the
    base's and the revision's), or None when they are not there."""
    base = load(folder, base_of(info))
    top = load(folder, info) if info.revision else None
    if base is None or (info.revision and top is None):
        return None
    out = dict(zip(base.units.record_ids, base.units.columns["content_hash"], strict=True))
    if top is not None:
        for rid in top.hidden:
            out.pop(rid, None)
        out.update(zip(top.units.record_ids, top.units.columns["content_hash"], strict=True))
    return out if len(out) == info.records else None
