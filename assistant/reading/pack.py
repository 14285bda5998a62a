"""Which documents are the project's own: the files shipped in the knowledge pack, by content.

Only a file whose bytes are exactly those of a file shipped in the pack, with no sidecar
describing it, may say it is a summary written by this project (``kind: summary``). A file a
user adds, uploads, downloads or edits is labelled by what it says of its outlet, never as
the project's: its ``kind``, ``written_by`` and ``translated_by`` are not taken at their word.
The pack lists the SHA-256 of each of its files in ``pack.sha256`` (``make pack-manifest``
writes it; ``tests/test_pack_provenance.py`` checks it is current).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from ..locations import bundled_knowledge

MANIFEST = "pack.sha256"


@functools.cache
def pack_digests() -> frozenset[str]:
    """The SHA-256 of every file shipped in the knowledge pack (empty if the list is gone)."""
    try:
        text = (bundled_knowledge() / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(line.split()[0] for line in text.splitlines() if line.strip())


def is_pack_file(data: bytes) -> bool:
    """Whether ``data`` is, byte for byte, a file shipped in the knowledge pack."""
    return hashlib.sha256(data).hexdigest() in pack_digests()


def manifest(folder: Path) -> str:
    """``pack.sha256`` for the pack in ``folder``: ``<sha256>  <file>`` per document."""
    from .files import knowledge_files

    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}"
        for path in knowledge_files(folder, [])
    ]
    return "\n".join(lines) + "\n"
