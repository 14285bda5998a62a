"""Content hashes: what makes ingest idempotent (same text, same hash, same vector reused).

>>> content_hash("WUF13"), content_hash("WUF13", "en") != content_hash("WUF13en")
('8cc9ddbeffb5db0f', True)
"""

from __future__ import annotations

import hashlib

_SEPARATOR = "\x1f"  # a character no text contains: ("ab", "c") and ("a", "bc") differ


def content_hash(*parts: str) -> str:
    """A short, stable hash of the given texts."""
    digest = hashlib.sha256(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
