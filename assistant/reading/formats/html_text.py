"""The article in a saved web page, with trafilatura (offline: it is given bytes, never a URL)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document, set_date_params

from .common import (
    Extracted,
    ExtractionError,
    Paragraph,
    fold,
    language_code,
    looks_like,
    short_reason,
)

# trafilatura's output tree: elements that hold a block of text of their own.
_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "list", "cell", "row", "table", "div"})
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")
# Where a page states its publication time (trafilatura gives the day only).
_TIME_XPATH = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    "//article//time/@datetime",
)
_TEXT_KINDS = ("an HTML page", "an XML or markup file", "plain text")


def extract_html(data: bytes, name: str) -> Extracted:
    """Title, date, site, language, URL and article paragraphs of a saved web page.

    Raises ExtractionError when ``data`` is not HTML or the page has no article text.
    """
    tree = _parse(data, name)
    try:  # trafilatura is precise but not defensive: any failure means "unusable page"
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            include_tables=False,
            include_links=False,
            include_images=False,
            include_formatting=False,
            # dates from markup and URL only: the wider search takes "© 2026" or a date
            # in the text ("the forum opens on 17 May") for the publication date
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:
        raise ExtractionError(
            f"{name} could not be read as a web page ({short_reason(exc)}). "
            "Save the article page again, or copy its text into a .md file."
        ) from exc
    title = fold(doc.title or "") if isinstance(doc, Document) else ""
    body = doc.body if isinstance(doc, Document) else None
    paragraphs = _paragraphs(body, title) if body is not None else ()
    if not isinstance(doc, Document) or not paragraphs:
        raise ExtractionError(
            f"{name} has no article text: only navigation, links or boilerplate were found. "
            "Save the article page itself, or copy its text into a .md file."
        )
    day = doc.date or ""
    return Extracted(
        title=title,
        published=_with_time(tree, day),
        source=fold(doc.sitename or ""),
        language=_language(tree),
        url=(doc.url or "").strip(),
        paragraphs=paragraphs,
    )


def _parse(data: bytes, name: str) -> HtmlElement:
    """The parsed page, or ExtractionError when ``data`` is empty or is not HTML."""
    if not data.strip():
        raise ExtractionError(f"{name} is empty. Save the article page again.")
    kind = looks_like(data)
    no_markup = kind == "plain text" and not re.search(rb"<[A-Za-z!/]", data)
    if no_markup:
        raise ExtractionError(
            f"{name} is not an HTML page: it is plain text. Save it as a .md file instead."
        )
    if kind not in _TEXT_KINDS:
        raise ExtractionError(
            f"{name} is not an HTML page: it looks like {kind}. "
            "Give it the right file extension, or save the article page as HTML."
        )
    tree = trafilatura.load_html(data)
    if tree is None:
        raise ExtractionError(
            f"{name} could not be parsed as HTML. "
            "Save the article page again, or copy its text into a .md file."
        )
    return tree


def _paragraphs(body: HtmlElement, title: str) -> tuple[Paragraph, ...]:
    """One paragraph per block of trafilatura's output; a leading copy of the title is dropped."""
    texts = [text for text in (fold(block) for block in _block_texts(body)) if text]
    if texts and title and texts[0] == title:
        texts.pop(0)
    return tuple(Paragraph(text) for text in texts)


def _block_texts(body: HtmlElement) -> Iterator[str]:
    """Text runs split at block boundaries and at line breaks (``<br>``, kept as ``lb``)."""
    run: list[str] = []

    def walk(element: HtmlElement) -> Iterator[str]:
        starts_block = element.tag in _BLOCKS or element.tag == "lb"
        if starts_block:
            yield "".join(run)
            run.clear()
        run.append(element.text or "")
        for child in element:
            yield from walk(child)
            run.append(child.tail or "")
        if element.tag in _BLOCKS:
            yield "".join(run)
            run.clear()

    for child in body:
        yield from walk(child)
        run.append(child.tail or "")
    yield "".join(run)


def _language(tree: HtmlElement) -> str:
    """ISO 639-1 code from ``<html lang>``, else Content-Language or og:locale, else ""."""
    candidates = [
        tree.get("lang") or "",
        tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "",
        *tree.xpath(
            '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
            '="content-language"]/@content'
        ),
        *tree.xpath('//meta[@property="og:locale"]/@content'),
    ]
    codes = (language_code(str(value)) for value in candidates)
    return next((code for code in codes if code), "")


def _with_time(tree: HtmlElement, day: str) -> str:
    """``day`` with " HH:MM" added when the page states a time on that same day."""
    if not day:
        return ""
    for path in _TIME_XPATH:
        for value in tree.xpath(path):
            match = _ISO_TIME.match(str(value).strip())
            if match and match.group(1) == day:
                return f"{day} {match.group(2)}"
    return day
