"""Every file of the knowledge pack says where it comes from, completely, for its kind
(issue 21, item 13), and the pack's list of its own files is current: that list is what lets
a pack summary, and only a pack summary, say it was written by this project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.reading.documents import read_knowledge
from assistant.reading.files import knowledge_files, read_text
from assistant.reading.frontmatter import is_web_address
from assistant.reading.pack import MANIFEST, manifest

from .conftest import ARTICLE, PACK

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
LANGUAGES = ("en", "az", "ru")
# What each kind of file must say about itself, beside its title and language.
REQUIRED = {
    "summary": ("published", "source", "url", "written_by"),  # the project's, of one report
    "original": ("published", "source", "url", "written_by"),  # the outlet's, word for word
    "translation": ("translation_of", "translated_by"),  # the project's, sentence by sentence
}
FILES = [path.name for path in knowledge_files(PACK, [])]


def kind_of(meta: dict[str, object]) -> str:
    return "translation" if meta.get("translation_of") else str(meta.get("kind") or "")


@pytest.mark.parametrize("name", FILES)
def test_every_pack_file_has_complete_provenance_for_its_kind(name: str) -> None:
    meta, _text = read_text(PACK / name, name)
    kind = kind_of(meta)
    assert kind in REQUIRED, f"{name}: kind must be summary or original, got {kind!r}"
    missing = [f for f in ("title", "language", *REQUIRED[kind]) if not str(meta.get(f) or "")]
    assert missing == [], f"{name} lacks {missing}"
    assert meta["language"] in LANGUAGES
    if kind == "translation":
        assert (PACK / str(meta["translation_of"])).is_file()
        assert str(meta["translated_by"]).startswith("WUF13 Assistant project")
        return
    assert DAY.fullmatch(str(meta["published"])), f"{name}: published is {meta['published']!r}"
    assert is_web_address(str(meta["url"])), f"{name}: url is {meta['url']!r}"
    project = str(meta["written_by"]).startswith("WUF13 Assistant project")
    assert project == (kind == "summary"), f"{name}: written_by {meta['written_by']!r}"


def test_the_seed_article_is_marked_as_the_outlets_original() -> None:
    meta, _text = read_text(PACK / f"{ARTICLE}.md", ARTICLE)
    assert (meta["kind"], meta["source"], meta["published"]) == (
        "original", "Report news agency", "2026-02-26",
    )  # fmt: skip
    assert str(meta["url"]).startswith("https://report.az/")


def test_summaries_are_labelled_as_the_projects_and_the_original_as_an_article() -> None:
    """Read as ingest reads them: `original` is the outlet's article reproduced verbatim."""
    knowledge = read_knowledge(PACK)
    assert knowledge.skipped == ()
    kinds = {doc.slug: doc.info.kind for doc in knowledge.documents}
    assert kinds.pop(ARTICLE) == "article"
    assert set(kinds.values()) == {"summary"} and len(kinds) == 22


def test_translations_are_aligned_with_their_originals() -> None:
    """One line per sentence of the original, every sentence, in the original's order."""
    for doc in read_knowledge(PACK).documents:
        ids = [u.index for u in doc.units if not u.is_translation]
        by_language: dict[str, list[int]] = {}
        for unit in doc.units:
            if unit.is_translation:
                by_language.setdefault(unit.language, []).append(unit.index)
        for language, translated in by_language.items():
            assert translated == ids, f"{doc.slug} ({language}) is not aligned"
            assert language != doc.language


def test_the_pack_list_of_its_own_files_is_current() -> None:
    """After editing the pack, `make pack-manifest` rewrites knowledge/pack.sha256."""
    assert (PACK / MANIFEST).read_text(encoding="utf-8") == manifest(Path(PACK)), (
        "knowledge/pack.sha256 is out of date: run `make pack-manifest`."
    )


# What the audit against the stored reports found the summaries (and their translations)
# saying beyond their report: sentence, then words none of its versions may say.
OVERSTATED = {
    "2023-11-30-trend-baku-named-host#s7": ("session before", "Предыдущую", "Əvvəlki"),
    "2025-12-26-report-rossbach-25000#s3": ("exactly", "ровно", "məhz"),
    "2025-11-17-report-90-tysyach-kv-m#s8": ("уже сейчас", "now", "indidən"),
    "2026-01-31-report-siddique-first-in-region#s3": ("came after", "после", "sonra"),
    "2025-11-04-report-doha-movzu#s7": ("entrusted", "доверены", "həvalə"),
}


def test_what_the_reports_do_not_say_is_gone() -> None:
    texts: dict[str, list[str]] = {}
    for doc in read_knowledge(PACK).documents:
        for unit in doc.units:
            texts.setdefault(unit.sentence_id, []).append(unit.text)
    for sentence, words in OVERSTATED.items():
        said = [w for t in texts[sentence] for w in words if re.search(rf"\b{w}\b", t, re.I)]
        assert said == [], f"{sentence} still says {said}"
