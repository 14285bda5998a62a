"""The text of a PDF, page by page, with pypdf; metadata from the document information."""

from __future__ import annotations

import io
import math
import unicodedata
from typing import Any

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import IndirectObject

from ..files import DEFAULT_CAPS
from .common import Extracted, ExtractionError, fold, language_code, looks_like, short_reason
from .pdf_furniture import Line
from .pdf_layout import build_paragraphs

# Latin ligatures (ﬁ, ﬂ, ...) spelled out; other control characters than whitespace dropped.
_CLEAN: dict[int, str | None] = {
    code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)
}
_CLEAN.update({code: None for code in range(32) if chr(code) not in "\t\n\r\f"})
_NO_TEXT = "has no text layer (a scanned document?): run OCR on it or add its text as a .md file."
_MAX_TREE_DEPTH = 64  # page tree levels; a real one has a handful


def extract_pdf(data: bytes, name: str, max_pages: int = DEFAULT_CAPS.max_pages) -> Extracted:
    """Title, date, author and paragraphs (with their pages) of a PDF file.

    Raises ExtractionError for a file that is not a PDF, is damaged, is protected by a
    password, has over ``max_pages`` pages, or has no text layer. A page object the page
    tree lists more than once is read once.
    """
    reader = _open(data, name, max_pages)
    read: dict[tuple[int, int], list[Line]] = {}
    pages = []
    for number, page in enumerate(reader.pages, 1):
        ref = page.indirect_reference
        key = (ref.idnum, ref.generation) if ref is not None else (-number, 0)
        if key not in read:
            read[key] = _page_lines(page, number, name)
        pages.append(read[key])
    paragraphs = build_paragraphs(pages) if any(pages) else ()
    if not paragraphs:
        raise ExtractionError(f"{name} {_NO_TEXT}")
    title, published, author = _info(reader)
    return Extracted(
        title=title,
        published=published,
        source=author,
        language=_language(reader),
        url="",
        paragraphs=paragraphs,
    )


def _open(data: bytes, name: str, max_pages: int) -> PdfReader:
    """A reader ready to give text, or ExtractionError saying why there is none."""
    if not data.strip():
        raise ExtractionError(f"{name} is empty. Download or export the PDF again.")
    if b"%PDF-" not in data[:1024]:
        raise ExtractionError(
            f"{name} is not a PDF: it looks like {looks_like(data)}. "
            "Give it the right file extension, or export the document as PDF."
        )
    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises many kinds of error on broken files
        raise _damaged(name, exc) from exc
    if reader.is_encrypted:
        _decrypt(reader, name)
    try:
        count = _page_count(reader, max_pages)
    except Exception:  # a tree this count cannot follow: pypdf may still read it
        count = 0
    if count > max_pages:
        raise ExtractionError(
            f"{name} has over {max_pages} pages; longer PDFs are refused (ASSISTANT_MAX_PAGES). "
            "Split it, or add the part you need as a .md file."
        )
    try:
        len(reader.pages)  # reads the page tree: a damaged one fails here
    except Exception as exc:
        raise _damaged(name, exc) from exc
    return reader


def _page_count(reader: PdfReader, limit: int) -> int:
    """The pages the page tree lists (a page listed twice counts twice), counted without
    reading them and stopping past ``limit``: each tree node is visited once, so a tree that
    repeats one node to list 97,336 pages costs a few steps."""
    counted: dict[tuple[int, int], int] = {}

    def count(node: Any, depth: int) -> int:
        key = (node.idnum, node.generation) if isinstance(node, IndirectObject) else None
        if key is not None and key in counted:
            return counted[key]
        if depth > _MAX_TREE_DEPTH:
            raise ValueError("page tree nested too deeply")
        obj = node.get_object()
        total = 0
        if "/Kids" in obj:
            for kid in obj["/Kids"]:
                total += count(kid, depth + 1)
                if total > limit:
                    break
        else:
            total = 1
        if key is not None:
            counted[key] = total
        return total

    tree: Any = reader.root_object["/Pages"]
    return count(tree, 0)


def _decrypt(reader: PdfReader, name: str) -> None:
    """Open an encrypted PDF with the empty user password, as PDF viewers do."""
    try:
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except DependencyError as exc:
        raise ExtractionError(
            f"{name} is encrypted with AES, which needs the 'cryptography' package "
            f"({short_reason(exc)}). Install pypdf[crypto], or save an unencrypted copy."
        ) from exc
    except Exception as exc:  # an unknown security handler or a broken /Encrypt entry
        raise ExtractionError(
            f"{name} is encrypted in a way that cannot be opened ({short_reason(exc)}). "
            "Save an unencrypted copy, or add its text as a .md file."
        ) from exc
    if not opened:
        raise ExtractionError(
            f"{name} is protected by a password. Open it with the password and save an "
            "unprotected copy, or add its text as a .md file."
        )


def _damaged(name: str, exc: BaseException) -> ExtractionError:
    return ExtractionError(
        f"{name} is a damaged PDF that cannot be read ({short_reason(exc)}). "
        "Download or export it again."
    )


def _page_lines(page: PageObject, number: int, name: str) -> list[Line]:
    """The non-empty lines of one page, with their height and font size when pypdf gives them."""
    chunks: list[tuple[str, Any, Any, Any]] = []

    def visit(text: Any, cm: Any, tm: Any, _font: Any, size: Any) -> None:
        chunks.append((str(text), cm, tm, size))

    try:
        plain = page.extract_text(visitor_text=visit)
    except Exception as exc:  # a broken content stream, font or filter
        raise ExtractionError(
            f"{name} is damaged: page {number} cannot be read ({short_reason(exc)}). "
            "Download or export the PDF again."
        ) from exc
    if "".join(text for text, *_ in chunks).split() != plain.split():
        return _lines([(plain, None, None, None)])  # pypdf rewrote the text: no positions
    return _lines(chunks)


def _lines(chunks: list[tuple[str, Any, Any, Any]]) -> list[Line]:
    """Chunks of text cut at newlines; each line placed where its first visible chunk is."""
    lines: list[Line] = []
    parts: list[str] = []
    place: tuple[float | None, float | None] = (None, None)
    for text, cm, tm, size in chunks:
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append(Line(fold("".join(parts).translate(_CLEAN)), *place))
                parts, place = [], (None, None)
            if piece.strip() and place == (None, None):
                place = _place(cm, tm, size)
            parts.append(piece)
    lines.append(Line(fold("".join(parts).translate(_CLEAN)), *place))
    return [line for line in lines if line.text]


def _place(cm: Any, tm: Any, size: Any) -> tuple[float | None, float | None]:
    """Baseline height and effective font size from the text and transformation matrices."""
    try:
        a, b, c, d, _, f = (float(v) for v in cm)
        tc, td, te, tf = (float(v) for v in tm[2:6])
        height = te * b + tf * d + f
        scale = math.hypot(tc * a + td * c, tc * b + td * d)
        return height, float(size) * scale if size else None
    except (TypeError, ValueError):
        return None, None


def _info(reader: PdfReader) -> tuple[str, str, str]:
    """Title, creation day (YYYY-MM-DD) and author from the document information."""
    try:
        meta = reader.metadata
        title, author = (
            (fold(str(meta.title or "")), fold(str(meta.author or ""))) if meta else ("", "")
        )
    except Exception:  # a damaged information dictionary is not worth failing for
        return "", "", ""
    try:
        created = meta.creation_date if meta else None
    except (ValueError, TypeError):  # a malformed date string
        created = None
    return title, created.strftime("%Y-%m-%d") if created else "", author


def _language(reader: PdfReader) -> str:
    """ISO 639-1 code from the catalog's /Lang entry, else ""."""
    try:
        return language_code(str(reader.root_object.get("/Lang") or ""))
    except Exception:
        return ""
