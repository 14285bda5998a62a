"""Original documents read by an earlier ingest, recalled for files left as they were.

Reading, splitting, language-checking and hashing every file of the knowledge folder took
3.4 s of each update at 100k sentences (docs/BENCHMARKS.md, "Issue 16"), whatever changed.
A file whose path, size and modification time (in ns) are those noted when it was last read
is taken to hold what it held then: its document is recalled from this memo, and only the
other files are read (and so hashed). The memo is a cache of what reading a file gives, not
a record of the index: one JSON file in the snapshot folder, written to a temporary file and
renamed into place; a missing, stale or unreadable one only costs the speed-up.

A file modified within ``RACY_SECONDS`` of being read is not noted: a second write in the
same tick of a coarse clock would leave its size and time as they were (as git does).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .columns import UnitColumns
from .files import Caps
from .records import to_columns

if TYPE_CHECKING:
    from .documents import SourceDocument

# Raise when reading a file gives other units than before (segmenting, hashing, languages).
RULES = 1
RACY_SECONDS = 2.0
NAME = "knowledge-files.json"  # in the snapshot folder
_log = logging.getLogger("assistant")


class FileMemo:
    """What an ingest knows of the files of one knowledge folder: their documents as last
    read (by :meth:`recall`) and, once read, the stat each was read at (for :meth:`save`)."""

    def __init__(self, file: Path, folder: Path, caps: Caps) -> None:
        self.file = file
        self.key = {"rules": RULES, "folder": str(folder.resolve()), "caps": asdict(caps)}
        # rel -> [size, mtime_ns, language, the document's units as columns]
        self.entries: dict[str, list[Any]] = {}
        self.stats: dict[str, tuple[int, int]] = {}  # rel -> (size, mtime_ns) before reading
        self.recalled: dict[str, SourceDocument] = {}
        self.started = time.time_ns()
        try:
            text = json.loads(file.read_text(encoding="utf-8"))
            if text["key"] == self.key:
                self.entries = text["files"]
        except FileNotFoundError:
            pass
        except Exception as exc:  # whatever is wrong with it, the files are still there
            _log.warning("Ignoring %s (%s); reading every knowledge file.", file, exc)

    def recall(self, path: Path, rel: str) -> SourceDocument | None:
        """The document ``path`` held when last read, if its size and time are unchanged;
        else None (its stat is noted first, so that :meth:`save` keys what is read next)."""
        from .documents import SourceDocument

        try:
            stat = path.stat()
        except OSError:  # reading it says why, in the words every skipped file gets
            return None
        self.stats[rel] = (stat.st_size, stat.st_mtime_ns)
        entry = self.entries.get(rel)
        if entry is None or tuple(entry[:2]) != self.stats[rel]:
            return None
        try:  # its units stay columns until asked for: ingest reads their ids and hashes
            units = UnitColumns(entry[3])
            info = units[0].doc
        except Exception:  # a damaged entry: the file is read
            return None
        self.recalled[rel] = doc = SourceDocument(info, entry[2], units)
        return doc

    def save(self, documents: Iterable[tuple[str, SourceDocument]]) -> None:
        """Note ``documents`` (path in the folder, original document as read) for the next
        ingest; nothing when they are what the memo already holds."""
        racy = self.started - int(RACY_SECONDS * 1e9)
        entries: dict[str, list[Any]] = {}
        for rel, doc in documents:
            size, mtime = self.stats.get(rel, (-1, racy))
            if self.recalled.get(rel) is doc:
                entries[rel] = self.entries[rel]
            elif mtime < racy and doc.units:
                entries[rel] = [size, mtime, doc.language, to_columns(doc.units)]
        if entries.keys() == self.entries.keys() and len(self.recalled) == len(entries):
            return
        text = json.dumps(
            {"key": self.key, "files": entries}, ensure_ascii=False, separators=(",", ":")
        )
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.file.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.file)
            self._remove_leftovers()
        except OSError as exc:  # a folder that cannot be written only costs the speed-up
            _log.warning("Could not write %s (%s).", self.file, exc)
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)

    def _remove_leftovers(self) -> None:
        """Delete temporary memo files left by a writer killed mid-way (older than an hour)."""
        stale = time.time() - 3600
        for old in self.file.parent.glob(".tmp-*.json"):
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < stale:
                    old.unlink()
