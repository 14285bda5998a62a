"""Knowledge files as source sentences (:class:`~assistant.values.Unit`).

A knowledge folder holds ``.md`` / ``.txt`` documents with optional YAML front matter
(``title``, ``published``, ``source``, ``language``), and saved web pages and PDFs
(:mod:`assistant.reading.body`). A document whose front matter has
``translation_of: <file>`` is a translation: each of its lines starts with the id of the
original sentence it renders, e.g. ``[s3] Kazakhstan regards WUF13 as ...``.
Ids are ``<doc-slug>#s<N>``: ``s0`` is the title when the document has one, ``s1`` ...
are the body sentences in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..text.language import document_language
from ..text.segment import split_sentences
from ..values import DocumentInfo, Unit, sentence_id
from .body import Body, read_body
from .files import DEFAULT_CAPS, SUFFIXES, Caps, Skipped, knowledge_files
from .formats import Paragraph, page_of
from .hashing import content_hash
from .unchanged import FileMemo

_TRANSLATED_LINE = re.compile(r"^\[s(\d+)\]\s+(.+)$")


@dataclass(frozen=True)
class SourceDocument:
    """One original document with its sentences and any translations."""

    info: DocumentInfo
    language: str
    # originals first, then translations; recalled ones as columns (reading/unchanged.py)
    units: Sequence[Unit]

    @property
    def slug(self) -> str:
        return self.info.slug


def slugify(stem: str) -> str:
    """``"2026-02-26 Report: WUF13"`` -> ``"2026-02-26-report-wuf13"``."""
    slug = re.sub(r"[^\w]+", "-", stem.lower(), flags=re.UNICODE).strip("-")
    return slug or "document"


@dataclass(frozen=True)
class Knowledge:
    """What a knowledge folder holds: the documents that could be read, and what was skipped."""

    documents: tuple[SourceDocument, ...]
    skipped: tuple[Skipped, ...]


def load_knowledge(folder: Path) -> list[SourceDocument]:
    """Every usable document under ``folder`` with its translations (:func:`read_knowledge`)."""
    return list(read_knowledge(folder).documents)


def read_knowledge(
    folder: Path, caps: Caps = DEFAULT_CAPS, memo: FileMemo | None = None
) -> Knowledge:
    """Every document under ``folder`` with its translations attached; with ``memo``, the
    originals of files unchanged since it noted them are recalled, not read (then it notes
    what was read).

    A file that cannot be used (unreadable, empty, binary, not UTF-8/UTF-16, broken front
    matter, a duplicate id, a misaligned translation, a link out of the folder) is skipped with
    a one-line reason naming it; the rest of the folder is still read. Hidden files and folders
    are ignored. Raises :class:`IngestError` only for the folder itself: missing, not a folder,
    or without a single usable document.
    """
    if not folder.exists():
        raise IngestError(
            f"Knowledge folder {str(folder)!r} does not exist. Create it and put documents "
            "(.md, .txt, .html, .pdf) in it, or set ASSISTANT_KNOWLEDGE_DIR to the right folder."
        )
    if not folder.is_dir():
        raise IngestError(f"{str(folder)!r} is not a folder. Point ingest at a knowledge folder.")
    skipped: list[Skipped] = []
    files = knowledge_files(folder, skipped)
    if not files and not skipped:
        raise IngestError(
            f"Knowledge folder {str(folder)!r} has no documents "
            f"({', '.join(SUFFIXES)}). Add at least one."
        )
    originals, translations = _sort_files(folder, files, skipped, caps, memo)
    documents = {}
    for slug, (rel, body) in originals.items():
        try:
            documents[slug] = (
                body if isinstance(body, SourceDocument)
                else _original(slug, folder, rel, body, caps.max_sentences)
            )  # fmt: skip
        except IngestError as exc:
            skipped.append(Skipped(rel, str(exc)))
    if memo is not None:
        memo.save((originals[slug][0], doc) for slug, doc in documents.items())
    extra: dict[str, list[Unit]] = {slug: [] for slug in documents}
    for rel, body in _one_per_language(translations, skipped):
        try:
            target, units = _translation_of(documents, rel, body.meta, body.text)
        except IngestError as exc:
            skipped.append(Skipped(rel, str(exc)))
            continue
        extra[target].extend(units)
    if not documents:
        reasons = "; ".join(s.reason for s in skipped[:3])
        raise IngestError(
            f"Knowledge folder {str(folder)!r} has no usable .md or .txt documents ({reasons})."
        )
    for slug, units in extra.items():  # (one without translations keeps its columns)
        if units:
            doc = documents[slug]
            documents[slug] = SourceDocument(doc.info, doc.language, (*doc.units, *units))
    return Knowledge(tuple(doc for _, doc in sorted(documents.items())), tuple(skipped))


_Text = tuple[str, Body]  # (path in the folder, what the file holds)


def _sort_files(
    folder: Path, files: list[Path], skipped: list[Skipped], caps: Caps, memo: FileMemo | None
) -> tuple[dict[str, tuple[str, Body | SourceDocument]], list[_Text]]:
    """Read every file (or recall it from ``memo``): originals by document id, and
    translations (unreadable ones and duplicate ids go to ``skipped``)."""
    originals: dict[str, tuple[str, Body | SourceDocument]] = {}
    translations: list[_Text] = []
    for path in files:
        rel = path.relative_to(folder).as_posix()
        try:
            body = (memo.recall(path, rel) if memo else None) or read_body(path, rel, caps)
        except IngestError as exc:
            skipped.append(Skipped(rel, str(exc)))
            continue
        if isinstance(body, Body) and body.meta.get("translation_of"):
            translations.append((rel, body))
            continue
        slug = slugify(Path(rel).stem)
        if slug in originals:
            reason = (
                f"{rel} and {originals[slug][0]} both give the document id {slug!r}; "
                f"{rel} was skipped. Rename one of them."
            )
            skipped.append(Skipped(rel, reason))
            continue
        originals[slug] = (rel, body)
    return originals, translations


def translation_key(meta: dict[str, Any]) -> tuple[str, str]:
    """``(document id, language)`` a translation's front matter names (language may be "")."""
    target = slugify(Path(str(meta["translation_of"])).stem)
    return target, str(meta.get("language", "")).strip().lower()


def _one_per_language(translations: list[_Text], skipped: list[Skipped]) -> list[_Text]:
    """The translations to use: one per document and language, whatever the files' names.

    When several files translate one document into one language, the shipped pack's
    unchanged translation is used and the others are skipped; when none (or more than one)
    is the pack's, none is used: a file added later never replaces the project's
    translation, and the order of file names never decides.
    """
    groups: dict[tuple[str, str], list[_Text]] = {}
    for text in translations:
        groups.setdefault(translation_key(text[1].meta), []).append(text)
    kept = []
    for (target, language), group in groups.items():
        pack = [text for text in group if text[1].project]
        if len(group) == 1 or not language:
            kept += group
            continue
        used = pack[0] if len(pack) == 1 else None
        kept += [used] if used else []
        for rel, _body in group:
            if used is None:
                others = ", ".join(r for r, _b in group if r != rel)
                reason = f"{rel} and {others} are all the {language!r} translation of {target!r}"
                skipped.append(Skipped(rel, f"{reason}; none of them is used. Keep one."))
            elif rel != used[0]:
                reason = f"{target!r} already has its {language!r} translation, {used[0]}"
                skipped.append(Skipped(rel, f"{rel} was skipped: {reason}. Remove {rel}."))
    return kept


def _translation_of(
    documents: dict[str, SourceDocument], rel: str, meta: dict[str, Any], body: str
) -> tuple[str, list[Unit]]:
    target, language = translation_key(meta)
    if target not in documents:
        raise IngestError(
            f"{rel} says translation_of: {meta['translation_of']!r}, but there is no "
            "such original document in the knowledge folder. Fix the file name."
        )
    if not language:
        raise IngestError(f"{rel} is a translation without a 'language:' in its front matter.")
    return target, _translation(documents[target], rel, language, body)


def _original(slug: str, root: Path, rel: str, body: Body, max_sentences: int) -> SourceDocument:
    meta = body.meta
    language = str(meta.get("language") or "").strip().lower() or document_language(body.text)
    info = DocumentInfo(
        slug=slug,
        title=body.title or Path(rel).stem,
        path=f"{root.name}/{rel}" if root.name else rel,
        published=str(meta.get("published") or meta.get("date") or ""),
        source=str(meta.get("source") or ""),
        kind="summary" if str(meta.get("kind") or "").strip().lower() == "summary" else "article",
        url=str(meta.get("url") or ""),
        format=body.format,
    )
    described = (info.title, info.published, info.source, info.path, info.kind, info.url)
    sentences = [pair for p in body.paragraphs for pair in _sentences_with_pages(p)]
    if len(sentences) > max_sentences:
        raise IngestError(
            f"{rel} has {len(sentences)} sentences; documents over {max_sentences} sentences "
            "are refused (ASSISTANT_MAX_SENTENCES). Split it into smaller files."
        )
    texts = [(0, body.title, 0)] if body.title else []
    texts += [(i, text, page) for i, (text, page) in enumerate(sentences, start=1)]
    units = tuple(
        Unit(
            record_id=sentence_id(slug, i),
            sentence_id=sentence_id(slug, i),
            index=i,
            text=text,
            language=language,
            is_translation=False,
            original_text=text,
            content_hash=content_hash(text, *described, str(page)),
            doc=info,
            page=page,
        )
        for i, text, page in texts
    )
    return SourceDocument(info, language, units)


def _sentences_with_pages(paragraph: Paragraph) -> list[tuple[str, int]]:
    """The paragraph's sentences, each with the page it starts on (0 without pages)."""
    out, cursor = [], 0
    for sentence in split_sentences(paragraph.text):
        start = paragraph.text.find(sentence, cursor)
        cursor = start + len(sentence) if start >= 0 else cursor
        out.append((sentence, page_of(paragraph, max(start, 0)) or 0))
    return out


def _translation(doc: SourceDocument, rel: str, language: str, body: str) -> list[Unit]:
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
                f"{rel} line {number} does not start with the id of the sentence it "
                f"translates, like '[s1] ...'. Got: {line[:60]!r}"
            )
        index, text = int(match.group(1)), match.group(2).strip()
        if index not in by_index:
            raise IngestError(
                f"{rel} line {number} translates [s{index}], but {doc.info.path} has sentences "
                f"s{min(by_index)}..s{max(by_index)}. The translation is misaligned with its "
                "original."
            )
        if index in seen:
            raise IngestError(f"{rel} translates [s{index}] twice (line {number}). Keep one.")
        seen.add(index)
        original = by_index[index]
        units.append(
            Unit(
                record_id=f"{original.sentence_id}~{language}",
                sentence_id=original.sentence_id,
                index=index,
                text=text,
                language=language,
                is_translation=True,
                original_text=original.text,
                content_hash=content_hash(text, original.content_hash, language),
                doc=doc.info,
                page=original.page,
            )
        )
    return units
