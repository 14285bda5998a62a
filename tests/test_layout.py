"""Unit tests for the pieces behind extract_pdf: line joining, paragraphs, furniture."""

from __future__ import annotations

from assistant.reading.formats.common import Paragraph, looks_like, page_of
from assistant.reading.formats.pdf_furniture import Line
from assistant.reading.formats.pdf_layout import build_paragraphs, glue


def test_page_of_without_pages_or_outside_the_text() -> None:
    assert page_of(Paragraph("HTML text."), 0) is None
    para = Paragraph("abc def", ((0, 4), (4, 5)))
    assert [page_of(para, i) for i in (-1, 0, 3, 4, 6, 7)] == [None, 4, 4, 5, 5, None]


def test_glue_hyphens() -> None:
    words: set[str] = set()
    assert glue("sustainable develop-", "ment of", words) == "sustainable development of"
    assert glue("with UN-", "Habitat", words) == "with UN-Habitat"
    assert glue("the COVID-", "19 crisis", words) == "the COVID-19 crisis"
    assert glue("a well-", "known city", {"well-known"}) == "a well-known city"
    assert glue("soft\u00ad", "ware", words) == "software"
    assert glue("Baku -", "the capital", words) == "Baku - the capital"
    assert glue("ends here", "Next", words) == "ends here Next"


def test_paragraph_breaks_from_gaps_sizes_and_items() -> None:
    page1 = [
        Line("Housing in Baku", 800, 16),  # larger font: a heading
        Line("The first paragraph has two lines and", 770, 11),
        Line("ends here. Its second sentence too.", 757, 11),
        Line("After a gap, the second paragraph", 730, 11),  # gap of two line pitches
        Line("goes on", 717, 11),
        Line("- and this dash does not start an item", 704, 11),
        Line("but the page ends inside a develop-", 691, 11),
    ]
    page2 = [
        Line("ment of the sentence.", 800, 11),
        Line("Items follow:", 780, 11),  # gap again
        Line("1. the first item;", 767, 11),
        Line("• the second item.", 754, 11),
    ]
    paragraphs = build_paragraphs([page1, page2])
    assert [p.text for p in paragraphs] == [
        "Housing in Baku",
        "The first paragraph has two lines and ends here. Its second sentence too.",
        "After a gap, the second paragraph goes on - and this dash does not start an item "
        "but the page ends inside a development of the sentence.",
        "Items follow:",
        "1. the first item;",
        "• the second item.",
    ]
    split = paragraphs[2]
    start = split.text.index("ment of the sentence")
    assert split.pages == ((0, 1), (start, 2))
    assert page_of(split, start - 1) == 1 and page_of(split, start) == 2


def test_page_numbers_and_running_lines_are_furniture() -> None:
    def page(number: int, first: str, last: str) -> list[Line]:
        return [Line(first), Line(f"Body text of page {number} goes on"), Line(last)]

    pages = [page(n, f"Annual report {n}", f"- {n} -") for n in range(1, 5)]
    pages.append([Line("iv"), Line("Closing words of the report end here.")])
    paragraphs = build_paragraphs(pages)
    assert " ".join(p.text for p in paragraphs) == " ".join(
        [f"Body text of page {n} goes on" for n in range(1, 5)]
        + ["Closing words of the report end here."]
    )


def test_looks_like() -> None:
    assert looks_like(b"PK\x03\x04rest") == "a ZIP archive (a .docx, .xlsx, .odt or .epub file?)"
    assert looks_like("<html><body>é</body></html>".encode("utf-16")) == "an HTML page"
    assert looks_like(b"plain words") == "plain text"
