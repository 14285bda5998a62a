"""Read knowledge files into source sentences (:class:`~assistant.models.Unit`).

A knowledge folder holds ``.md`` / ``.txt`` documents with optional YAML front matter
(``title``, ``published``, ``source``, ``language``). A document whose front matter has
``translation_of: <file>`` is a translation: each of its lines starts with the id of the
original sentence it renders, e.g. ``[s3] Kazakhstan regards WUF13 as ...``.
Ids are ``<doc-slug>#s<N>``: ``s0`` is the title when the document has one, ``s1`` ...
are the body sentences in order.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import IngestError
from .models import Unit
from .segment import split_sentences

SUFFIXES = (".md", ".txt")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_TRANSLATED_LINE = re.compile(r"^\[s(\d+)\]\s+(.+)$")
_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceDocument:
    """One original document with its sentences and any translations."""

    slug: str
    path: str
    title: str
    published: str
    source: str
    language: str
    units: tuple[Unit, ...]  # originals first, then translations


def slugify(stem: str) -> str:
    """``"2026-02-26 Report: WUF13"`` -> ``"2026-02-26-report-wuf13"``."""
    slug = re.sub(r"[^\w]+", "-", stem.lower(), flags=re.UNICODE).strip("-")
    return slug or "document"


def content_hash(*parts: str) -> str:
    """A short, stable hash of the given texts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


def load_knowledge(folder: Path) -> list[SourceDocument]:
    """Every document under ``folder`` with its translations attached.

    Raises :class:`IngestError` for a missing folder, an unreadable, empty, binary or
    non-UTF-8 file, broken front matter, duplicate ids or a misaligned translation.
    """
    if not folder.exists():
        raise IngestError(
            f"Knowledge folder {str(folder)!r} does not exist. Create it and put .md or .txt "
            "documents in it, or set ASSISTANT_KNOWLEDGE_DIR to the right folder."
        )
    if not folder.is_dir():
        raise IngestError(f"{str(folder)!r} is not a folder. Point ingest at a knowledge folder.")
    files = _knowledge_files(folder)
    if not files:
        raise IngestError(
            f"Knowledge folder {str(folder)!r} has no .md or .txt documents. Add at least one."
        )
    originals: dict[str, tuple[Path, dict[str, Any], str]] = {}
    translations: list[tuple[Path, dict[str, Any], str]] = []
    for path in files:
        meta, body = _read(path)
        if meta.get("translation_of"):
            translations.append((path, meta, body))
        else:
            slug = slugify(path.stem)
            if slug in originals:
                raise IngestError(
                    f"{path.name} and {originals[slug][0].name} both give the document id "
                    f"{slug!r}. Rename one of them."
                )
            originals[slug] = (path, meta, body)

    documents: dict[str, SourceDocument] = {}
    for slug, (path, meta, body) in originals.items():
        documents[slug] = _original(slug, path, folder, meta, body)
    extra: dict[str, list[Unit]] = {slug: [] for slug in documents}
    seen_languages: dict[tuple[str, str], Path] = {}
    for path, meta, body in translations:
        target = slugify(Path(str(meta["translation_of"])).stem)
        if target not in documents:
            raise IngestError(
                f"{path.name} says translation_of: {meta['translation_of']!r}, but there is no "
                "such original document in the knowledge folder. Fix the file name."
            )
        language = str(meta.get("language", "")).strip().lower()
        if not language:
            raise IngestError(
                f"{path.name} is a translation without a 'language:' in its front matter."
            )
        if (target, language) in seen_languages:
            raise IngestError(
                f"{path.name} and {seen_languages[(target, language)].name} are both the "
                f"{language!r} translation of {target!r}. Keep one."
            )
        seen_languages[(target, language)] = path
        extra[target].extend(_translation(documents[target], path, language, body))
    return [
        SourceDocument(**{**doc.__dict__, "units": doc.units + tuple(extra[slug])})
        for slug, doc in sorted(documents.items())
    ]


def _knowledge_files(folder: Path) -> list[Path]:
    files: list[Path] = []
    seen: set[Path] = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or path.name.startswith("."):
            continue
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            continue  # a dangling link or a link loop is not a document
        if real in seen or not real.is_file():
            continue
        seen.add(real)
        files.append(path)
    return files


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise IngestError(
                f"{path.name} is {size / 2**20:.0f} MB; documents over "
                f"{MAX_DOCUMENT_BYTES // 2**20} MB are refused. Split it into smaller files."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(
            f"Cannot read {path.name}: {exc.strerror}. Check its permissions."
        ) from exc
    if b"\x00" in raw:
        raise IngestError(
            f"{path.name} looks binary (it contains NUL bytes). Remove it or save it as text."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path.name} is not valid UTF-8 (byte {exc.start}). Re-save it as UTF-8."
        ) from None
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise IngestError(
                f"{path.name} has broken front matter: {exc}. Fix the YAML between the '---' lines."
            ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise IngestError(f"{path.name}: front matter must be 'key: value' lines.")
        meta = {str(k): v for k, v in (loaded or {}).items()}
        text = text[match.end() :]
    if not text.strip():
        raise IngestError(f"{path.name} has no text. Add content or remove the file.")
    return meta, text


def _paragraphs(body: str) -> list[str]:
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


def _original(slug: str, path: Path, root: Path, meta: dict[str, Any], body: str) -> SourceDocument:
    title = str(meta.get("title") or "").strip()
    paragraphs = _paragraphs(body)
    first_line = body.strip().splitlines()[0] if body.strip() else ""
    if not title and _HEADING.match(first_line):
        title = paragraphs.pop(0)
    language = str(meta.get("language") or "").strip().lower()
    if not language:
        from .language import detect_language

        language = detect_language(body)
    published = str(meta.get("published") or meta.get("date") or "")
    source = str(meta.get("source") or "")
    rel = _relative(path, root)
    texts: list[tuple[int, str]] = []
    if title:
        texts.append((0, title))
    n = 0
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            n += 1
            texts.append((n, sentence))
    shown_title = title or path.stem
    units = tuple(
        Unit(
            record_id=f"{slug}#s{i}",
            sentence_id=f"{slug}#s{i}",
            doc_slug=slug,
            index=i,
            text=text,
            language=language,
            is_translation=False,
            original_text=text,
            doc_title=shown_title,
            doc_path=rel,
            doc_published=published,
            doc_source=source,
            content_hash=content_hash(text, shown_title, published, source, rel),
        )
        for i, text in texts
    )
    return SourceDocument(slug, rel, shown_title, published, source, language, units)


def _translation(doc: SourceDocument, path: Path, language: str, body: str) -> list[Unit]:
    by_index = {u.index: u for u in doc.units}
    seen: set[int] = set()
    units = []
    for number, line in enumerate(body.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _TRANSLATED_LINE.match(line)
        if not match:
            raise IngestError(
                f"{path.name} line {number} does not start with the id of the sentence it "
                f"translates, like '[s1] ...'. Got: {line[:60]!r}"
            )
        index, text = int(match.group(1)), match.group(2).strip()
        if index not in by_index:
            raise IngestError(
                f"{path.name} line {number} translates [s{index}], but {doc.path} has sentences "
                f"s{min(by_index)}..s{max(by_index)}. The translation is misaligned with its "
                "original."
            )
        if index in seen:
            raise IngestError(f"{path.name} translates [s{index}] twice (line {number}). Keep one.")
        seen.add(index)
        original = by_index[index]
        units.append(
            Unit(
                record_id=f"{original.sentence_id}~{language}",
                sentence_id=original.sentence_id,
                doc_slug=doc.slug,
                index=index,
                text=text,
                language=language,
                is_translation=True,
                original_text=original.text,
                doc_title=doc.title,
                doc_path=doc.path,
                doc_published=doc.published,
                doc_source=doc.source,
                content_hash=content_hash(text, original.content_hash, language),
            )
        )
    return units


def _relative(path: Path, root: Path) -> str:
    try:
        return (root.name + "/" + path.relative_to(root).as_posix()) if root.name else path.name
    except ValueError:
        return path.name
