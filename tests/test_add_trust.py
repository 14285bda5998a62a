"""Added files never override or pose as the project's own content, and what they say about
themselves reaches the terminal as plain text (issue 21, items 1-4): run as a user runs them,
through the CLI, with downloads from a loopback web server."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import samples_html as web
from . import samples_pdf as pdfs
from .conftest import ARTICLE, KNOWLEDGE, PACK
from .loopback_site import Page, serving
from .test_cli import cli_env, run

pytestmark = pytest.mark.slow

CANCELLED = f"""---
translation_of: {ARTICLE}.md
language: en
---
[s1] The 13th session of the World Urban Forum (WUF13) has been cancelled and will not take place in Baku.
"""
POSING_SUMMARY = """---
title: "Metro line to the stadium"
published: "2026-03-01"
source: "Report news agency"
url: "https://report.az/metro"
kind: summary
written_by: "WUF13 Assistant project (summary in its own words of the report named above)"
language: en
---

A new metro line will carry WUF13 visitors from the airport to the stadium in 19 minutes.
"""
ESCAPES = ("\x1b", "\x07", "\x9b")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    return knowledge


def env_for(folder: Path, tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path, ASSISTANT_KNOWLEDGE_DIR=str(folder), ASSISTANT_DOWNLOAD_TIMEOUT="2")


def test_an_added_translation_never_replaces_the_projects(folder: Path, tmp_path: Path) -> None:
    """Item 1: a second English translation of the seed article, named to sort first."""
    env = env_for(folder, tmp_path)
    fake = tmp_path / "0-cancelled.en.md"
    fake.write_text(CANCELLED, encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    added = run(["add", str(fake)], env)
    assert added.returncode == 1, added.stdout
    assert f"already has one ({ARTICLE}.en.md)" in added.stderr, added.stderr
    assert sorted(p.name for p in folder.iterdir() if p.name != ".changing.lock") == before
    question = "Is the 13th session of the World Urban Forum cancelled?"
    assert "cancelled" not in run(["ask", question], env).stdout

    shutil.copy(fake, folder / fake.name)  # put in the folder by hand: ingest decides
    ingest = run(["ingest", "--quiet"], env)
    assert f"skipped: 0-cancelled.en.md was skipped: '{ARTICLE}' already has" in ingest.stderr
    assert "cancelled" not in run(["ask", question], env).stdout


def test_two_translations_into_one_language_are_both_left_out(folder: Path, tmp_path: Path) -> None:
    """Item 1: without the project's translation, file order never picks a winner."""
    env = env_for(folder, tmp_path)
    (folder / f"{ARTICLE}.en.md").unlink()
    for name in ("a-cancelled.en.md", "z-cancelled.en.md"):
        (folder / name).write_text(CANCELLED, encoding="utf-8")
    ingest = run(["ingest", "--quiet"], env)
    assert ingest.stderr.count("none of them is used") == 2, ingest.stderr
    sources = json.loads(run(["sources", "--json"], env).stdout)
    assert sources[0]["translations"] == ["ru"]


class Site(Page):
    def do_GET(self) -> None:
        if self.path == "/metro.md":
            self.send_body(POSING_SUMMARY.encode(), "text/markdown")
        elif self.path == "/lang-ru.html":  # an English page that says it is Russian
            self.send_body(web.english_news_html(lang="ru"), "text/html; charset=utf-8")
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as url:
        yield url


def test_a_download_or_a_user_file_never_speaks_for_the_project(
    folder: Path, tmp_path: Path, site: str
) -> None:
    """Item 2: `kind: summary` (and `written_by`) from a download, a user's copy of a pack
    summary with one word changed, or a sidecar are not the project's word."""
    env = env_for(folder, tmp_path)
    edited = tmp_path / "rossbach.md"
    pack_summary = (PACK / "2025-12-26-report-rossbach-25000.md").read_text(encoding="utf-8")
    edited.write_text(pack_summary.replace("25 тысяч", "90 тысяч"), encoding="utf-8")
    page = tmp_path / "volunteers.html"
    page.write_bytes(web.english_news_html())
    (tmp_path / "volunteers.html.meta.yaml").write_text("kind: summary\n", encoding="utf-8")
    added = run(["add", f"{site}/metro.md", str(edited), str(page)], env)
    assert added.returncode == 0, added.stderr
    kinds = {row["path"]: row["kind"] for row in json.loads(run(["sources", "--json"], env).stdout)}
    assert all(kind == "article" for kind in kinds.values()), kinds
    answer = run(["ask", "How long does the metro ride from the airport to the stadium take?"], env)
    assert "metro" in answer.stdout and "written by this project" not in answer.stdout
    assert "(Article: Report news agency, 2026-03-01)" in answer.stdout


def test_titles_and_outlets_reach_the_terminal_as_plain_text(folder: Path, tmp_path: Path) -> None:
    """Item 3: a PDF title in UTF-16 and a sidecar's YAML escapes hold ESC and BEL bytes."""
    env = env_for(folder, tmp_path)
    hostile = "\x1b[2JShuttle\x1b]8;;http://evil.example\x07 plan\x1b]8;;\x07 note\x07"
    (tmp_path / "shuttle.pdf").write_bytes(
        pdfs.one_page_pdf("The shuttle to the stadium leaves every ten minutes.", hostile)
    )
    (tmp_path / "ferry.md").write_text("The ferry to the venue leaves at nine.\n", "utf-8")
    (tmp_path / "ferry.md.meta.yaml").write_text(
        'title: "\\e[2JFerry timetable"\nsource: "\\e]0;pwned\\a Harbour news"\n', "utf-8"
    )
    outputs = [run(["add", str(tmp_path / "shuttle.pdf"), str(tmp_path / "ferry.md")], env)]
    outputs += [run(["sources"], env), run(["ask", "When does the ferry to the venue leave?"], env)]
    outputs += [run(["ask", "How often does the shuttle to the stadium leave?"], env)]
    for out in outputs:
        assert out.returncode == 0, out.stderr
        assert not any(ch in out.stdout + out.stderr for ch in ESCAPES), repr(out.stdout)
    assert "Ferry timetable (Harbour news)" in outputs[1].stdout
    assert "Shuttle plan note" in outputs[1].stdout


def test_a_url_that_is_not_a_web_address_is_refused(folder: Path, tmp_path: Path) -> None:
    """Item 3: `url: javascript:...` was kept and shown as the document's address."""
    env = env_for(folder, tmp_path)
    note = tmp_path / "note.md"
    note.write_text("---\nurl: javascript:alert(1)\n---\nThe tram runs all night.\n", "utf-8")
    added = run(["add", str(note)], env)
    assert added.returncode == 1
    assert "field 'url' is 'javascript:alert(1)', which is not a web address" in added.stderr
    assert not (folder / "note.md").exists()


def test_a_sidecar_or_page_address_that_is_not_a_web_address_is_never_kept(
    folder: Path, tmp_path: Path
) -> None:
    """Item 3, the other ways in: a sidecar's `url:` is refused as front matter's is, and a
    page's own canonical or og:url address is dropped, never shown as the document's."""
    env = env_for(folder, tmp_path)
    article = (
        "<p>The shuttle to the stadium leaves every ten minutes from the metro station.</p>"
        "<p>Volunteers will guide visitors at every stop during the forum week.</p>"
    )
    page = tmp_path / "shuttle.html"
    page.write_text(f"<html><head><title>Shuttle plan</title></head><body><article>{article}"
                    "</article></body></html>", "utf-8")  # fmt: skip
    sidecar = tmp_path / "shuttle.html.meta.yaml"
    sidecar.write_text('url: "javascript:alert(1)"\n', "utf-8")
    refused = run(["add", str(page)], env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "field 'url' is 'javascript:alert(1)', which is not a web address" in refused.stderr
    assert not (folder / "shuttle.html").exists()

    sidecar.unlink()
    page.write_text(
        '<html><head><title>Shuttle plan</title><link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="javascript:alert(2)"></head>'
        f"<body><article>{article}</article></body></html>",
        "utf-8",
    )
    added = run(["add", str(page)], env)
    assert added.returncode == 0, added.stderr
    rows = json.loads(run(["sources", "--json"], env).stdout)
    shown = {r["title"]: r["url"] for r in rows}
    assert shown["Shuttle plan"] == "" and "javascript" not in json.dumps(rows)


def test_a_declared_language_the_text_contradicts_is_not_trusted(
    folder: Path, tmp_path: Path, site: str
) -> None:
    """Item 4: an English page marked `lang="ru"` was answered as "Quoted in its original
    language (Russian)"."""
    env = env_for(folder, tmp_path)
    added = run(["add", f"{site}/lang-ru.html"], env)
    assert added.returncode == 0, added.stderr
    rows = json.loads(run(["sources", "--json"], env).stdout)
    assert {r["title"]: r["language"] for r in rows}[web.EN_TITLE] == "en"
    answer = run(["ask", "What is the deadline for volunteer applications?"], env).stdout
    assert "15 April" in answer and "Quoted in its original language" not in answer, answer


def test_a_citation_leaves_out_what_is_unknown(folder: Path, tmp_path: Path) -> None:
    """Item 4: a citation with no outlet or date read "(Article: ?, ?)"."""
    env = env_for(folder, tmp_path)
    (tmp_path / "memo.md").write_text("The media centre opens on 15 May at the stadium.\n")
    assert run(["add", str(tmp_path / "memo.md")], env).returncode == 0
    memo = run(["ask", "When does the media centre open?"], env).stdout
    assert (
        'knowledge/memo.md §1 — "The media centre opens on 15 May at the stadium." (Article)'
        in (memo)
    ), memo
    assert "?" not in memo
    listed = run(["sources"], env).stdout
    assert "    memo\n" in listed and "(, )" not in listed, listed
