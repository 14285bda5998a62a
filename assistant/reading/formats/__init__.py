"""The text of saved web pages (``.html``, ``.htm``) and PDF files, by paragraph, with the
page each piece of a PDF is on. trafilatura and pypdf are imported only when such a file is
read.
"""

from __future__ import annotations

from .common import Extracted, ExtractionError, Paragraph, page_of

SUFFIXES = (".html", ".htm", ".pdf")

__all__ = ["SUFFIXES", "Extracted", "ExtractionError", "Paragraph", "extract", "page_of"]


def extract(data: bytes, name: str, suffix: str, max_pages: int) -> Extracted:
    """What the file ``name`` (its bytes ``data``) says; :class:`ExtractionError` in one line
    naming it when it cannot be read (or is a PDF of over ``max_pages`` pages)."""
    if suffix == ".pdf":
        from .pdf_text import extract_pdf

        return extract_pdf(data, name, max_pages)
    from .html_text import extract_html

    return extract_html(data, name)
