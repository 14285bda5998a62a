"""A knowledge file's text as paragraphs, whatever its format, with what it says about itself.

* ``.md`` / ``.txt``: YAML front matter (optional); paragraphs are blocks between blank lines,
  a first Markdown heading is the title.
* ``.html`` / ``.htm`` (a saved web page) and ``.pdf``: the article's paragraphs, title, date,
  outlet, language and URL as the file gives them (:mod:`assistant.reading.formats`); a PDF's
  paragraphs know the page each piece is on.
* Any format: a sidecar ``<file>.meta.yaml`` (``title``, ``published``, ``source``,
  ``language``, ``url``) overrides what the file says.

What a file says about itself is plain text (terminal escapes and control characters removed,
whatever the format); a language a page or PDF declares is kept only when its text agrees;
``kind`` is ``summary`` only for a file of the shipped pack (:mod:`.pack`), else ``article``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..text.language import document_language
from ..text.normalize import plain_text
from .files import DEFAULT_CAPS, Caps, parse_text, read_bytes
from .formats import SUFFIXES as EXTRACTED
from .formats import Paragraph, extract
from .frontmatter import is_web_address, sidecar
from .pack import is_pack_file

SIDECAR = ".meta.yaml"
_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Body:
    """What one knowledge file holds."""

    meta: dict[str, Any]  # front matter, or what the page/PDF says (sidecar applied); its
    # "kind" is "summary" (a summary the project wrote: shipped pack only) or "article"
    text: str  # the body as written (translations read it line by line)
    paragraphs: tuple[Paragraph, ...]
    title: str  # "" when the file gives none
    format: str  # md, txt, html, pdf
    project: bool = False  # a file of the shipped pack, unchanged and without a sidecar


def read_body(path: Path, rel: str, caps: Caps = DEFAULT_CAPS) -> Body:
    """The body of the knowledge file ``path`` (``rel``: its path in the folder, for
    messages); :class:`IngestError` in one line naming it when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix in EXTRACTED:
        return _extracted(path, rel, suffix, caps)
    raw = read_bytes(path, rel)
    meta, text = parse_text(raw, rel)
    described = _sidecar(path, rel)
    project = not described and is_pack_file(raw)
    meta.update(described, kind="summary" if project and _says_summary(meta) else "article")
    paragraphs = [Paragraph(p) for p in _markdown_paragraphs(text)]
    title = str(meta.get("title") or "").strip()
    first = text.strip().splitlines()[0] if text.strip() else ""
    if not title and _HEADING.match(first) and paragraphs:
        title = paragraphs.pop(0).text
    return Body(meta, text, tuple(paragraphs), title, suffix.lstrip("."), project)


def _extracted(path: Path, rel: str, suffix: str, caps: Caps) -> Body:
    found = extract(read_bytes(path, rel), rel, suffix, caps.max_pages)
    if not found.paragraphs:
        raise IngestError(f"{rel} has no text. Remove it, or add its text as a .md file.")
    text = "\n\n".join(p.text for p in found.paragraphs)
    url = _plain(found.url)
    meta: dict[str, Any] = {
        "published": _plain(found.published),
        "source": _plain(found.source),
        "language": _declared_language(found.language, text),
        "url": url if is_web_address(url) else "",
    }
    meta.update(_sidecar(path, rel), kind="article")  # a page or PDF is never the project's
    title = str(meta.pop("title", "") or _plain(found.title)).strip()
    return Body(meta, text, found.paragraphs, title, "pdf" if suffix == ".pdf" else "html")


def _sidecar(path: Path, rel: str) -> dict[str, Any]:
    """The fields ``<file>.meta.yaml`` sets (empty ones left out), if there is one; never the
    document's ``kind``."""
    extra = path.with_name(path.name + SIDECAR)
    if not extra.is_file():
        return {}
    fields = sidecar(extra, f"{rel}{SIDECAR}")
    return {k: v for k, v in fields.items() if v and k != "kind"}


def _says_summary(meta: dict[str, Any]) -> bool:
    return str(meta.get("kind") or "").strip().lower() == "summary"


def _plain(value: str) -> str:
    """Metadata a page or PDF gives, as plain text: no terminal escapes or control bytes (a
    PDF title in UTF-16 may hold any)."""
    return plain_text(value or "").strip()


def _declared_language(declared: str, text: str) -> str:
    """The language a page or PDF declares (``<html lang>``, ``/Lang``), when its text agrees;
    else "" (the text's own language is used): an English page marked ``lang="ru"`` is
    English."""
    if declared not in ("en", "az", "ru"):
        return ""
    return declared if document_language(text) == declared else ""


def _markdown_paragraphs(body: str) -> list[str]:
    blocks = [
        " ".join(line.strip() for line in block.splitlines())
        for block in re.split(r"\n\s*\n", body)
    ]
    cleaned = []
    for block in blocks:
        block = _BULLET.sub("", _HEADING.sub("", block.strip()))
        if block:
            cleaned.append(block)
    return cleaned
