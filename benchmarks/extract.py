"""Extraction time per page: a saved web page counts as one page, a PDF by its pages; median
of several runs after one untimed run.

    python benchmarks/extract.py [--runs N] [FILE.html|FILE.pdf ...]

Times the files the tests generate (two news pages, one padded to 300 KB the way real sites
are, a 3-page and a 20-page PDF, and an Azerbaijani PDF when DejaVu Sans is installed), then
any files given. Results: docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' sample files

from common import machine_line

from assistant.reading.formats import Extracted
from assistant.reading.formats.html_text import extract_html
from assistant.reading.formats.pdf_text import extract_pdf
from tests import samples_html, samples_pdf

Extractor = Callable[[bytes, str], Extracted]


def median_seconds(call: Callable[[], object], runs: int) -> float:
    call()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heavy_news_html(size: int = 300_000) -> bytes:
    """The English news page padded the way real sites are (scripts, styles, a long list of
    links) to at least ``size`` bytes, around the same article."""
    page = samples_html.english_news_html().decode()
    script = (
        "<script>window.ads = [" + ",".join(f'{{"slot": {i}}}' for i in range(2000)) + "];</script>"
    )
    style = "<style>" + "".join(f".c{i}{{margin:{i % 9}px}}" for i in range(2000)) + "</style>"
    links = "".join(
        f'<li><a href="/news/{i}">Headline number {i} about the city and its districts</a></li>'
        for i in range(4000)
    )
    page = page.replace("</head>", f"{script}{style}</head>")
    page = page.replace("</main>", f'</main><aside class="more-news"><ul>{links}</ul></aside>')
    padding = max(0, size - len(page.encode()))
    page = page.replace("</body>", f"<!-- {'x' * padding} --></body>")
    return page.encode()


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def cases(paths: list[str]) -> list[tuple[str, Extractor, bytes, int]]:
    """(label, extractor, bytes, pages) for the generated files and the given ones."""
    found: list[tuple[str, Extractor, bytes, int]] = [
        ("news page, English (generated)", extract_html, samples_html.english_news_html(), 1),
        ("news page, Russian (generated)", extract_html, samples_html.russian_news_html(), 1),
        ("news page, padded (generated)", extract_html, heavy_news_html(), 1),
        ("briefing PDF (generated)", extract_pdf, samples_pdf.briefing_pdf(), 3),
        ("report PDF (generated)", extract_pdf, samples_pdf.long_pdf(20)[0], 20),
    ]
    if samples_pdf.FONT.exists():
        found.append(("Azerbaijani PDF (generated)", extract_pdf, samples_pdf.azerbaijani_pdf(), 1))
    for path in map(Path, paths):
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf":
            found.append((path.name, extract_pdf, data, pdf_pages(data)))
        else:
            found.append((path.name, extract_html, data, 1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    print(machine_line())
    print(f"median of {args.runs} runs, after one warm-up run\n")
    print("| file | kind | pages | total ms | ms per page | paragraphs |")
    print("|---|---|---|---|---|---|")
    for label, extractor, data, pages in cases(args.files):
        kind = "PDF" if extractor is extract_pdf else "HTML"
        seconds = median_seconds(lambda: extractor(data, label), args.runs)  # noqa: B023
        count = len(extractor(data, label).paragraphs)
        print(
            f"| {label} | {kind} | {pages} | {seconds * 1000:.1f} | "
            f"{seconds * 1000 / pages:.1f} | {count} |"
        )


if __name__ == "__main__":
    main()
