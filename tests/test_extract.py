"""Tests for the HTML and PDF extractors, on files built here (samples_html.py, samples_pdf.py)."""

from __future__ import annotations

import io
import socket
from typing import Any

import pypdf
import pytest
from pypdf.errors import DependencyError

from assistant.reading.formats import Extracted, ExtractionError, Paragraph, page_of
from assistant.reading.formats.html_text import extract_html
from assistant.reading.formats.pdf_text import extract_pdf

from . import samples_html as web
from . import samples_pdf as pdfs

# --------------------------------------------------------------------------- helpers


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction never touches the network: any connection or name lookup fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def body(doc: Extracted) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def assert_error(call: Any, data: bytes, name: str, *phrases: str) -> str:
    """``call(data, name)`` raises ExtractionError: one line, naming the file, with phrases."""
    with pytest.raises(ExtractionError) as caught:
        call(data, name)
    message = str(caught.value)
    assert name in message and "\n" not in message, message
    for phrase in phrases:
        assert phrase in message, message
    return message


# --------------------------------------------------------------------------- HTML


def test_english_news_page_gives_the_article_and_its_metadata() -> None:
    doc = extract_html(web.english_news_html(), "volunteers.html")
    assert doc.title == web.EN_TITLE
    assert doc.published == web.EN_DATE  # <time datetime> carries a time on the same day
    assert doc.source == web.EN_SOURCE  # og:site_name
    assert doc.language == "en"
    assert doc.url == web.EN_URL  # <link rel="canonical">
    assert tuple(p.text for p in doc.paragraphs) == web.EN_PARAGRAPHS
    assert all(p.pages == () for p in doc.paragraphs)


@pytest.mark.parametrize(
    ("page", "chrome", "source"),
    [
        (web.english_news_html, web.EN_CHROME, web.EN_SOURCE),
        (web.russian_news_html, web.RU_CHROME, web.RU_SOURCE),
    ],
)
def test_news_page_chrome_never_reaches_the_text(
    page: Any, chrome: web.Chrome, source: str
) -> None:
    text = body(extract_html(page(), "page.html"))
    for noise in (*chrome.texts(), source, "©"):
        assert noise not in text, noise


def test_russian_news_page() -> None:
    doc = extract_html(web.russian_news_html(), "transport.html")
    assert doc.title == web.RU_TITLE
    assert doc.published == web.RU_DATE  # a date without a time stays a date
    assert doc.source == web.RU_SOURCE
    assert doc.language == "ru"
    assert tuple(p.text for p in doc.paragraphs) == web.RU_PARAGRAPHS


def test_html_blocks_line_breaks_and_whitespace() -> None:
    page = b"""<!DOCTYPE html><html lang="az-Latn-AZ"><head><meta charset="utf-8">
<title>Forum</title></head><body><article><h1>Forum</h1>
<p>The first   paragraph of the article\nwraps in the source file and says enough.</p>
<h2>Programme</h2>
<p>Line one of an address in Baku.<br>Line two of the same paragraph in Baku.</p>
<ul><li>Housing sessions take place on the first day.</li>
<li>Transport sessions take place on the second day.</li></ul>
<blockquote><p>A city is its people, the minister said at the opening.</p></blockquote>
<p>The last paragraph of the article is here and it is long enough to keep.</p>
</article></body></html>"""
    doc = extract_html(page, "forum.html")
    assert doc.language == "az"
    assert [p.text for p in doc.paragraphs] == [
        "The first paragraph of the article wraps in the source file and says enough.",
        "Programme",
        "Line one of an address in Baku.",
        "Line two of the same paragraph in Baku.",
        "Housing sessions take place on the first day.",
        "Transport sessions take place on the second day.",
        "A city is its people, the minister said at the opening.",
        "The last paragraph of the article is here and it is long enough to keep.",
    ]


def test_html_date_is_never_guessed_from_the_text() -> None:
    text = "The forum opens on 17 May 2026 in Baku and lasts six days, the organisers said. " * 3
    page = f"""<html lang="en"><head><title>Forum dates</title></head><body>
<article><p>{text}</p></article><footer>© 2026 Caspian Daily News</footer></body></html>"""
    doc = extract_html(page.encode(), "dates.html")
    assert doc.published == ""
    assert doc.paragraphs == (Paragraph(text.strip()),)


def test_html_page_without_article() -> None:
    assert_error(
        extract_html,
        web.no_article_html(),
        "home.html",
        "has no article text",
        "Save the article page itself",
        ".md file",
    )


@pytest.mark.parametrize(
    ("data", "looks"),
    [
        (bytes(range(256)) * 8, "binary data"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
    ],
)
def test_html_file_that_is_not_html(data: bytes, looks: str) -> None:
    assert_error(extract_html, data, "story.html", "is not an HTML page", looks)


def test_html_file_that_is_plain_text_or_empty() -> None:
    assert_error(extract_html, b"Just a note about WUF13.\n", "note.html", "plain text", ".md")
    assert_error(extract_html, b"  \n", "blank.html", "is empty")


# --------------------------------------------------------------------------- PDF


def test_pdf_metadata() -> None:
    doc = extract_pdf(pdfs.briefing_pdf(), "briefing.pdf")
    assert doc.title == pdfs.PDF_TITLE
    assert doc.published == "2026-01-15"
    assert doc.source == pdfs.PDF_AUTHOR
    assert doc.language == "en"
    assert doc.url == ""


def test_pdf_paragraphs_lines_hyphens_and_furniture() -> None:
    doc = extract_pdf(pdfs.briefing_pdf(), "briefing.pdf")
    texts = [p.text for p in doc.paragraphs]
    assert texts == [
        f"{pdfs.PDF_PAGE1[0]} It is organised by the Government of Azerbaijan together with "
        "UN-Habitat, the United Nations programme for human settlements.",
        "Speakers are expected to discuss the sustainable development of cities, affordable "
        "housing and the recovery of urban areas after conflicts and natural disasters. "
        "Progress on SDG-11 targets will be reviewed in a dedicated session.",
        pdfs.PDF_PAGE1[-1],
        pdfs.PDF_SPLIT_SENTENCE,
        " ".join(pdfs.PDF_PAGE2_REST[1:]),
        " ".join(pdfs.PDF_PAGE3),
    ]
    text = body(doc)
    for gone in (*pdfs.PDF_WORDS_GONE, pdfs.PDF_HEADER, "Page 1", "of 3"):
        assert gone not in text, gone
    for kept in pdfs.PDF_WORDS_KEPT:
        assert kept in text, kept
    assert [p.pages[0][1] for p in doc.paragraphs] == [1, 1, 1, 1, 2, 3]


def test_pdf_sentence_across_a_page_break() -> None:
    doc = extract_pdf(pdfs.briefing_pdf(), "briefing.pdf")
    (para,) = [p for p in doc.paragraphs if pdfs.PDF_SPLIT_START in p.text]
    assert para.text == pdfs.PDF_SPLIT_SENTENCE
    start = len(pdfs.PDF_SPLIT_START) + 1
    assert para.pages == ((0, 1), (start, 2))
    assert para.text[start:].startswith("has built schools")
    assert page_of(para, 0) == 1
    assert page_of(para, start - 1) == 1
    assert page_of(para, start) == 2
    assert page_of(para, len(para.text) - 1) == 2
    assert page_of(para, len(para.text)) is None


def test_long_pdf_keeps_every_word_in_order() -> None:
    data, paragraphs = pdfs.long_pdf(20)
    doc = extract_pdf(data, "report.pdf")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 20
    assert body(doc).split() == " ".join(paragraphs).split()
    assert pdfs.PDF_HEADER not in body(doc)
    pages = [page for p in doc.paragraphs for _, page in p.pages]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 20
    for p in doc.paragraphs:  # every page start is inside its paragraph, after the first
        assert p.pages[0][0] == 0
        assert all(0 < offset < len(p.text) for offset, _ in p.pages[1:])


def test_pdf_without_or_with_broken_metadata() -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdfs.briefing_pdf()))
    writer.add_metadata({"/CreationDate": "not a date", "/Title": " Two\n lines ", "/Author": ""})
    out = io.BytesIO()
    writer.write(out)
    doc = extract_pdf(out.getvalue(), "odd.pdf")
    assert (doc.title, doc.published, doc.source) == ("Two lines", "", "")
    assert pdfs.PDF_SPLIT_SENTENCE in body(doc)


def test_pdf_open_with_empty_user_password() -> None:
    doc = extract_pdf(pdfs.owner_locked_pdf(), "locked.pdf")
    assert doc.title == pdfs.PDF_TITLE
    assert pdfs.PDF_SPLIT_SENTENCE in body(doc)


@pytest.mark.skipif(not pdfs.FONT.exists(), reason="DejaVu Sans is not installed")
def test_azerbaijani_pdf() -> None:
    doc = extract_pdf(pdfs.azerbaijani_pdf(), "melumat.pdf")
    assert doc.title == pdfs.AZ_TITLE
    assert doc.language == "az"
    assert [p.text for p in doc.paragraphs] == [" ".join(pdfs.AZ_LINES)]


# --------------------------------------------------------------------------- bad files


def test_encrypted_pdf() -> None:
    assert_error(
        extract_pdf,
        pdfs.password_pdf(),
        "secret.pdf",
        "protected by a password",
        "unprotected copy",
    )


def test_pdf_without_text_layer() -> None:
    assert_error(
        extract_pdf,
        pdfs.scanned_pdf(),
        "scan.pdf",
        "has no text layer (a scanned document?): run OCR on it or add its text as a .md file",
    )


def test_pdf_name_with_html_inside() -> None:
    assert_error(
        extract_pdf, web.english_news_html(), "article.pdf", "is not a PDF", "an HTML page"
    )


def test_damaged_pdf() -> None:
    data = pdfs.briefing_pdf()
    assert_error(extract_pdf, data[: len(data) // 2], "cut.pdf", "damaged", "again")


def test_empty_pdf() -> None:
    assert_error(extract_pdf, b"", "empty.pdf", "is empty")


def test_aes_pdf_without_cryptography(monkeypatch: pytest.MonkeyPatch) -> None:
    def needs_cryptography(*_args: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", needs_cryptography)
    assert_error(extract_pdf, pdfs.owner_locked_pdf(), "aes.pdf", "cryptography")
