"""The files of a knowledge folder: which ones are read, and their text.

Hidden files and folders are never read; links are followed only to files inside the
folder. Every file or folder that cannot be used is reported as :class:`Skipped`, with one
line naming it and saying why, and the rest of the folder is still read.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import IngestError
from ..text.normalize import plain_text
from .frontmatter import front_matter

if TYPE_CHECKING:
    from ..settings import Settings

SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # far beyond any article; a larger file is a mistake


@dataclass(frozen=True)
class Caps:
    """How much of one document is read (``ASSISTANT_MAX_PAGES``, ``ASSISTANT_MAX_SENTENCES``;
    the same defaults as :class:`~assistant.settings.Settings`): a bound on the work any one
    file can cause while the folder is locked. A 1.6 KB PDF whose page tree lists one page
    97,336 times took 93 s of CPU before."""

    max_pages: int = 1000
    max_sentences: int = 10_000

    @classmethod
    def of(cls, settings: Settings) -> Caps:
        return cls(settings.max_pages, settings.max_sentences)


DEFAULT_CAPS = Caps()


@dataclass(frozen=True)
class Skipped:
    """A file (or folder) of the knowledge folder that was not indexed, and why (one line)."""

    path: str  # relative to the knowledge folder
    reason: str

    def __str__(self) -> str:
        return self.reason


def knowledge_files(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """The document files under ``folder``, in order. Hidden files and folders are ignored;
    links are followed only to files inside the folder; folders that cannot be read and links
    that lead out of the folder or nowhere are reported in ``skipped``."""
    root = folder.resolve()
    files: list[Path] = []
    seen: set[Path] = set()

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or folder)
        rel = _rel(where, folder)
        skipped.append(
            Skipped(rel, f"Folder {rel} cannot be read ({error.strerror}); it was skipped.")
        )

    for current, dirs, names in os.walk(folder, onerror=unreadable):
        base = Path(current)
        for name in sorted(dirs):
            if name.startswith("."):
                dirs.remove(name)
            elif (base / name).is_symlink():
                dirs.remove(name)  # never walked: its files are read where they really are
                _check_link(base / name, folder, root, skipped)
        dirs.sort()
        for name in sorted(names):
            path = base / name
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            real = _check_link(path, folder, root, skipped) if path.is_symlink() else path.resolve()
            if real is None or real in seen or not real.is_file():
                continue
            seen.add(real)
            files.append(path)
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _check_link(path: Path, folder: Path, root: Path, skipped: list[Skipped]) -> Path | None:
    """Where the link ``path`` leads, if inside the knowledge folder; else None (reported)."""
    rel = _rel(path, folder)
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        skipped.append(Skipped(rel, f"{rel} is a broken link; it was skipped."))
        return None
    if not real.is_relative_to(root):
        skipped.append(
            Skipped(
                rel,
                f"{rel} links to {real}, outside the knowledge folder; links out of the folder "
                "are never followed.",
            )
        )
        return None
    return real


def _rel(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def read_bytes(path: Path, rel: str) -> bytes:
    """The file's bytes; :class:`IngestError` when it is too large or cannot be read."""
    try:
        size = path.stat().st_size
        if size <= MAX_DOCUMENT_BYTES:  # the size a file claims is checked while reading too
            with open(path, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) <= MAX_DOCUMENT_BYTES:
                return data
            size = len(data)
        raise IngestError(
            f"{rel} is {'over ' if size == MAX_DOCUMENT_BYTES + 1 else ''}"
            f"{size / 2**20:.0f} MB; documents over {MAX_DOCUMENT_BYTES // 2**20} MB are "
            "refused. Split it into smaller files."
        )
    except OSError as exc:
        raise IngestError(f"Cannot read {rel}: {exc.strerror}. Check its permissions.") from exc


def read_text(path: Path, rel: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of a text file (.md, .txt)."""
    return parse_text(read_bytes(path, rel), rel)


def parse_text(raw: bytes, rel: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of the bytes of a text file (.md, .txt)."""
    text = plain_text(_decode(raw, rel), keep_lines=True)
    meta, text = front_matter(text, rel)
    if not text.strip():
        raise IngestError(f"{rel} has no text. Add content or remove the file.")
    return meta, text


def _decode(raw: bytes, rel: str) -> str:
    """Text of a file: UTF-8 (with or without a byte-order mark) or UTF-16 with one."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(
                f"{rel} says it is UTF-16 but is not valid UTF-16. Re-save it as UTF-8."
            ) from None
    if b"\x00" in raw:
        raise IngestError(
            f"{rel} looks binary (it contains NUL bytes). Remove it, or if it is UTF-16 text "
            "without a byte-order mark, save it as UTF-8."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{rel} is not valid UTF-8 (byte {exc.start}). Re-save it as UTF-8."
        ) from None
