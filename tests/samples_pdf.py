"""PDF files built in code (fpdf2) for the tests and the benchmark: no binary fixtures.

The news texts are made up for these tests; they are not copied from any outlet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

PDF_TITLE = "WUF13 briefing note: housing and urban recovery"
PDF_AUTHOR = "Urban Forum Briefings"
PDF_CREATED = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)
PDF_HEADER = "WUF13 Briefing Note - Housing the World"

# Page 1, as typeset lines; "" is a blank line between paragraphs.
PDF_PAGE1 = (
    "The 13th session of the World Urban Forum takes place in Baku from 17 to 22 May 2026.",
    "It is organised by the Government of Azerbaijan together with UN-",
    "Habitat, the United Nations programme for human settlements.",
    "",
    "Speakers are expected to discuss the sustainable develop-",
    "ment of cities, affordable housing and the recovery of urban areas after",
    "conflicts and natural disasters. Progress on SDG-",
    "11 targets will be reviewed in a dedicated session.",
    "",
    "The organisers expect more than 20,000 participants from around the world.",
)
# The sentence that starts at the bottom of page 1 and ends at the top of page 2.
PDF_SPLIT_START = "Delegations will also visit several new residential districts, where the city"
PDF_SPLIT_END = "has built schools, parks and public transport links since 2020."
PDF_SPLIT_SENTENCE = f"{PDF_SPLIT_START} {PDF_SPLIT_END}"
PDF_PAGE2_REST = (
    "",
    "A special programme for young urban planners will run on the second day of the",
    "forum. Universities from the region have been invited to present their projects.",
)
PDF_PAGE3 = (
    "The final declaration of the forum will be published on the last day.",
    "It will summarise the commitments made by governments, cities and partners.",
)
PDF_WORDS_GONE = ("develop- ment", "UN- Habitat", "SDG- 11")
PDF_WORDS_KEPT = ("development", "UN-Habitat", "SDG-11")


def _pdf() -> FPDF:
    from fpdf import FPDF

    class Briefing(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, PDF_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(6)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Briefing(format="A4")
    pdf.set_title(PDF_TITLE)
    pdf.set_author(PDF_AUTHOR)
    pdf.set_creation_date(PDF_CREATED)
    pdf.set_lang("en")
    pdf.set_auto_page_break(False)
    return pdf


def _lines(pdf: FPDF, lines: tuple[str, ...]) -> None:
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")


def briefing_pdf(*, user_password: str | None = None, owner_password: str = "") -> bytes:
    """Three pages; a sentence runs from the bottom of page 1 onto page 2."""
    pdf = _pdf()
    if user_password is not None or owner_password:
        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password)
    pdf.add_page()
    _lines(pdf, PDF_PAGE1)
    pdf.set_y(-30)
    _lines(pdf, (PDF_SPLIT_START,))
    pdf.add_page()
    _lines(pdf, (PDF_SPLIT_END, *PDF_PAGE2_REST))
    pdf.add_page()
    _lines(pdf, PDF_PAGE3)
    return bytes(pdf.output())


def owner_locked_pdf() -> bytes:
    """Encrypted with an owner password only: opens with the empty user password."""
    return briefing_pdf(owner_password="owner-secret")


def password_pdf() -> bytes:
    """Encrypted with a user password: cannot be opened without it."""
    return briefing_pdf(user_password="reader-secret", owner_password="owner-secret")


def scanned_pdf() -> bytes:
    """Two pages of pictures and drawings only, like a scan without OCR."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    pdf.rect(20, 20, 170, 120, style="DF")
    pdf.add_page()
    pdf.image(Image.new("L", (200, 280), color=230), x=10, y=10, w=190)
    return bytes(pdf.output())


_LONG_SENTENCES = (
    "Session {n} of the forum looks at how cities can build homes that families can afford.",
    "Speakers from {n} countries compare rules for land use, rents and public housing.",
    "The organisers say the results of the session will feed into the final declaration.",
    "Local governments are asked to report how many new homes they plan to build by 2030.",
    "Researchers present data on informal settlements and on access to water and transport.",
    "Young planners show projects that turn old industrial areas into green neighbourhoods.",
)


def long_pdf(pages: int = 20) -> tuple[bytes, tuple[str, ...]]:
    """A report of ``pages`` pages (fpdf2, automatic page breaks) and its paragraphs."""
    pdf = _pdf()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    paragraphs: list[str] = []
    while pdf.page_no() < pages or (pdf.page_no() == pages and pdf.get_y() < 200):
        n = len(paragraphs) + 1
        turn = n % len(_LONG_SENTENCES)
        order = _LONG_SENTENCES[turn:] + _LONG_SENTENCES[:turn]
        paragraphs.append(" ".join(s.format(n=n) for s in order[: 3 + n % 4]))
        pdf.multi_cell(0, 6, paragraphs[-1], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output()), tuple(paragraphs)


AZ_TITLE = "WUF13 üçün hazırlıq: qısa məlumat"
AZ_LINES = (
    "Ümumdünya Şəhərsalma Forumunun 13-cü sessiyası Bakıda keçiriləcək.",
    "Forumda mənzil, nəqliyyat və şəhərlərin dayanıqlı inkişafı müzakirə olunacaq.",
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def azerbaijani_pdf() -> bytes:
    """One page in Azerbaijani, typeset with DejaVu Sans (needs the font on this machine)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(AZ_TITLE)
    pdf.set_lang("az")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    for line in AZ_LINES:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def raw_pdf(objects: dict[int, str], info: int | None = None, listed: int | None = None) -> bytes:
    """A PDF written by hand from its objects (``1`` is the catalog): what fpdf2 would never
    write. ``listed``: only objects below it are in the cross-reference table (pypdf then
    searches for the others, and logs that it did)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n{objects[number]}\nendobj\n".encode("latin-1")
    xref, size = len(out), max(objects) + 1
    shown = size if listed is None else listed
    out += f"xref\n0 {shown}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in range(1, shown))
    trailer = f"<< /Size {size} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    return bytes(out + f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())


def _page_objects(text: str, tree: int, first: int) -> dict[int, str]:
    """A page (object ``first``) under the page-tree node ``tree``, its font and content."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
    return {
        first: f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] "
        f"/Resources << /Font << /F1 {first + 1} 0 R >> >> /Contents {first + 2} 0 R >>",
        first + 1: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        first + 2: f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    }


def one_page_pdf(text: str, title: str = "", listed: int | None = None) -> bytes:
    """One page of ``text``; ``title`` is stored in UTF-16 as PDF writers do for non-Latin
    titles (any character can be in it)."""
    objects = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        **_page_objects(text, 2, 3),
    }
    if title:
        utf16 = "".join(f"{ord(ch):04X}" for ch in title)
        objects[6] = f"<< /Title <FEFF{utf16}> >>"
    return raw_pdf(objects, 6 if title else None, listed)


def repeated_page_pdf(fanout: int, levels: int, text: str) -> bytes:
    """About 1.6 KB whose page tree lists one page object ``fanout ** levels`` times: each
    node's /Kids repeats the node below it."""
    nodes = list(range(2, 2 + levels))
    page = nodes[-1] + 1
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>", **_page_objects(text, nodes[-1], page)}
    for depth, node in enumerate(nodes):
        child = nodes[depth + 1] if depth + 1 < levels else page
        parent = f" /Parent {nodes[depth - 1]} 0 R" if depth else ""
        kids = " ".join([f"{child} 0 R"] * fanout)
        objects[node] = (
            f"<< /Type /Pages /Kids [{kids}] /Count {fanout ** (levels - depth)}{parent} >>"
        )
    return raw_pdf(objects)


PRESS_NOTE_TITLE = "WUF13 media accreditation: practical note for journalists"
PRESS_NOTE = (
    "Accredited journalists can collect their badges at the media centre from 14 May 2026.",
    "Badges are issued on presentation of a passport or national identity card.",
    "",
    "The media centre is open every day of the forum from 08:00 to 21:00.",
    "Interview requests with delegations go through the press office of the organisers.",
)


def press_note_pdf() -> bytes:
    """A one-page English press note, with no translation (made up for the tests)."""
    pdf = _pdf()
    pdf.set_title(PRESS_NOTE_TITLE)
    pdf.add_page()
    _lines(pdf, PRESS_NOTE)
    return bytes(pdf.output())
