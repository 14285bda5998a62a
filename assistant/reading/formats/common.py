"""The result types shared by the HTML and PDF extractors, and small helpers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...errors import IngestError

_LANG = re.compile(r"([A-Za-z]{2})(?:$|[-_])")


class ExtractionError(IngestError):
    """A file cannot be turned into text. The message names the file and says what to do."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of body text.

    ``pages`` lists ``(offset, page)`` pairs: the character offset in ``text`` where each page
    starts, pages numbered from 1, offsets increasing and the first one 0. It is ``()`` for
    files without pages (HTML).
    """

    text: str
    pages: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Extracted:
    """What a file says, before sentence splitting."""

    title: str
    published: str
    source: str
    language: str
    url: str
    paragraphs: tuple[Paragraph, ...]


def page_of(paragraph: Paragraph, offset: int) -> int | None:
    """The page the character at ``offset`` of ``paragraph.text`` is on.

    None for a paragraph without pages (HTML) or an offset outside ``0 <= offset < len(text)``.
    """
    if not paragraph.pages or not 0 <= offset < len(paragraph.text):
        return None
    starts = [start for start, _ in paragraph.pages]
    return paragraph.pages[bisect.bisect_right(starts, offset) - 1][1]


def fold(text: str) -> str:
    """Whitespace runs (any Unicode space, newline, tab) folded to one space, ends trimmed."""
    return " ".join(text.split())


def language_code(value: str) -> str:
    """The ISO 639-1 part of a language tag: "en-US", "az_AZ", "ru" give "en", "az", "ru"."""
    match = _LANG.match(value.strip())
    return match.group(1).lower() if match else ""


def short_reason(exc: BaseException) -> str:
    """An exception as a short one-line phrase for an error message."""
    text = fold(str(exc)) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx, .odt or .epub file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc, .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)


def looks_like(data: bytes) -> str:
    """A short description of what ``data`` appears to be, for error messages."""
    head = data[:1024]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if _is_binary(head):
        return "a PDF document" if b"%PDF-" in head else "binary data"
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    text = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n").lower()
    if text.startswith(("<!doctype html", "<html")) or "<body" in text or "<head" in text:
        return "an HTML page"
    if text.startswith("<"):
        return "an XML or markup file"
    return "plain text"


def _is_binary(head: bytes) -> bool:
    """NUL bytes, or many control bytes other than tab/newline/carriage return/form feed."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 byte order mark: text
        return False
    if not head or b"\x00" in head:
        return bool(head)
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return controls > len(head) // 20
