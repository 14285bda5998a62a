"""A knowledge file's text as paragraphs, whatever its format, with what it says about itself.

* ``.md`` / ``.txt``: YAML front matter (optional); paragraphs are blocks between blank lines,
  a first Markdown heading is the title.
* ``.html`` / ``.htm`` (a saved web page) and ``.pdf``: the article's paragraphs, title, date,
  outlet, language and URL as the file gives them (:mod:`assistant.index.formats`); a PDF's
  paragraphs know the page each piece is on.
* Any format: a sidecar ``<file>.meta.yaml`` (``title``, ``published``, ``source``,
  ``language``, ``url``, ``kind``) overrides what the file says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import IngestError
from .files import read_bytes, read_text
from .formats import SUFFIXES as EXTRACTED
from .formats import Paragraph, extract
from .frontmatter import sidecar

SIDECAR = ".meta.yaml"
_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Body:
    """What one knowledge file holds."""

    meta: dict[str, Any]  # front matter, or what the page/PDF says (sidecar applied)
    text: str  # the body as written (translations read it line by line)
    paragraphs: tuple[Paragraph, ...]
    title: str  # "" when the file gives none
    format: str  # md, txt, html, pdf


def read_body(path: Path, rel: str) -> Body:
    """The body of the knowledge file ``path`` (``rel``: its path in the folder, for
    messages); :class:`IngestError` in one line naming it when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix in EXTRACTED:
        return _extracted(path, rel, suffix)
    meta, text = read_text(path, rel)
    meta.update(_sidecar(path, rel))
    paragraphs = [Paragraph(p) for p in _markdown_paragraphs(text)]
    title = str(meta.get("title") or "").strip()
    first = text.strip().splitlines()[0] if text.strip() else ""
    if not title and _HEADING.match(first) and paragraphs:
        title = paragraphs.pop(0).text
    return Body(meta, text, tuple(paragraphs), title, suffix.lstrip("."))


def _extracted(path: Path, rel: str, suffix: str) -> Body:
    found = extract(read_bytes(path, rel), rel, suffix)
    meta: dict[str, Any] = {
        "published": found.published,
        "source": found.source,
        "language": found.language if found.language in ("en", "az", "ru") else "",
        "url": found.url,
    }
    meta.update(_sidecar(path, rel))
    title = str(meta.pop("title", "") or found.title).strip()
    if not found.paragraphs:
        raise IngestError(f"{rel} has no text. Remove it, or add its text as a .md file.")
    text = "\n\n".join(p.text for p in found.paragraphs)
    return Body(meta, text, found.paragraphs, title, "pdf" if suffix == ".pdf" else "html")


def _sidecar(path: Path, rel: str) -> dict[str, Any]:
    """The fields ``<file>.meta.yaml`` sets (empty ones left out), if there is one."""
    extra = path.with_name(path.name + SIDECAR)
    if not extra.is_file():
        return {}
    return {k: v for k, v in sidecar(extra, f"{rel}{SIDECAR}").items() if v}


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
