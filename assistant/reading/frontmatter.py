"""YAML front matter of a knowledge document, read safely.

Front matter is the block between a first line ``---`` and the next ``---`` line. It is bounded
(16 KB), may not use YAML aliases (``*name``: nine levels of them expand 264 bytes into
megabytes), must be a mapping, and the fields the assistant reads must be short text.

    >>> front_matter("---\\ntitle: WUF13 notes\\n---\\nBody.", "notes.md")
    ({'title': 'WUF13 notes'}, 'Body.')
    >>> front_matter("---\\na: &x [1]\\nb: *x\\n---\\nBody.", "bomb.md")
    Traceback (most recent call last):
    assistant.errors.IngestError: bomb.md uses a YAML alias (*x) in its front matter; ...
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Any

import yaml

from ..errors import IngestError
from ..text.normalize import plain_text

MAX_FRONT_MATTER_CHARS = 16 * 1024
MAX_FIELD_CHARS = 1000
MAX_SIDECAR_BYTES = 4 * MAX_FRONT_MATTER_CHARS  # UTF-8 takes at most 4 bytes a character
# Fields the assistant reads: each must be a single short value, not a list or a mapping.
TEXT_FIELDS = (
    "title", "published", "date", "source", "language", "translation_of", "translated_by",
    "attribution", "url", "kind", "written_by",
)  # fmt: skip
_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^---[ \t]*$", re.MULTILINE)


class _NoAliases(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases before anything is built from them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            alias = self.peek_event().anchor  # type: ignore[no-untyped-call]
            raise _AliasUsed(str(alias))
        return super().compose_node(parent, index)  # type: ignore[no-untyped-call]


class _AliasUsed(Exception):
    pass


def front_matter(text: str, rel: str) -> tuple[dict[str, Any], str]:
    """``(fields, body)`` of a document's text; ``({}, text)`` when it has no front matter.

    Raises :class:`IngestError` naming the file for front matter that is unterminated, too
    long, not YAML, uses aliases, is not a mapping, or has a field the assistant reads that is
    not short text.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSE.search(text, opening.end(), opening.end() + MAX_FRONT_MATTER_CHARS + 8)
    if closing is None:
        if _CLOSE.search(text, opening.end()):
            raise IngestError(
                f"{rel} has front matter over {MAX_FRONT_MATTER_CHARS // 1024} KB. Shorten it."
            )
        raise IngestError(
            f"{rel} starts front matter with '---' but has no closing '---' line. Add one after "
            "the last 'key: value' line."
        )
    block = text[opening.end() : closing.start()]
    try:
        loaded = yaml.load(block, Loader=_NoAliases)  # a SafeLoader subclass
    except _AliasUsed as exc:
        raise IngestError(
            f"{rel} uses a YAML alias (*{exc}) in its front matter; aliases are not allowed. "
            "Write the value out."
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        # ValueError: a date that does not exist ("published: 2026-02-30")
        detail = str(exc).splitlines()[0] if str(exc) else "nested too deeply"
        raise IngestError(
            f"{rel} has broken front matter: {detail}. Fix the YAML between the '---' lines."
        ) from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise IngestError(f"{rel}: front matter must be 'key: value' lines.")
    fields = {str(k): v for k, v in loaded.items()}
    for name in TEXT_FIELDS:
        value = fields.get(name)
        if isinstance(value, list | dict | set | tuple):
            raise IngestError(
                f"{rel}: front matter field {name!r} must be a single value, got a "
                f"{type(value).__name__}. Write it as one line of text."
            )
        if value is not None and len(str(value)) > MAX_FIELD_CHARS:
            raise IngestError(
                f"{rel}: front matter field {name!r} is {len(str(value))} characters long; the "
                f"limit is {MAX_FIELD_CHARS}."
            )
    _clean_fields(fields, rel)
    end = closing.end() + 1 if text[closing.end() : closing.end() + 1] == "\n" else closing.end()
    return fields, text[end:]


def _clean_fields(fields: dict[str, Any], rel: str) -> None:
    """The fields the assistant reads as plain text, in place: YAML's escapes (``"\\e[2J"``,
    ``"\\a"``) would otherwise put terminal escapes into titles and outlets. A ``url`` must be
    a web address (a ``javascript:`` one would be shown as a link)."""
    for name in TEXT_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = plain_text(fields[name]).strip()
    url = fields.get("url")
    if url and not is_web_address(str(url)):
        shown = str(url) if len(str(url)) <= 60 else str(url)[:57] + "..."
        raise IngestError(
            f"{rel}: front matter field 'url' is {shown!r}, which is not a web address. Give "
            "an http:// or https:// address, or remove the field."
        )


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:  # a malformed IPv6 host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def sidecar(path: Path, rel: str) -> dict[str, Any]:
    """The fields of a sidecar file (``report.pdf.meta.yaml``), read like front matter."""
    try:
        text = sidecar_bytes(path, rel).decode("utf-8")
    except UnicodeDecodeError:
        raise IngestError(f"{rel} is not UTF-8 text. Save it as UTF-8 YAML.") from None
    fields, _rest = front_matter(f"---\n{text.rstrip()}\n---\n", rel)
    return fields


def sidecar_bytes(path: Path, rel: str) -> bytes:
    """The bytes of a sidecar file; one too large is refused before it is read (a 400 MB one
    was read and copied whole before)."""
    try:
        size = path.stat().st_size
        data = b""
        if size <= MAX_SIDECAR_BYTES:
            with open(path, "rb") as handle:
                data = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"Cannot read {rel}: {exc.strerror}. Check its permissions.") from None
    if size > MAX_SIDECAR_BYTES or len(data) > MAX_SIDECAR_BYTES:
        raise IngestError(
            f"{rel} is {max(size, len(data)) / 1024:.0f} KB; a sidecar holds a few 'key: value' "
            f"lines, at most {MAX_FRONT_MATTER_CHARS // 1024} KB of text. Shorten it."
        )
    return data
