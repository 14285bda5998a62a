"""The default answerer: extractive. It quotes the best source sentence(s) in the question's
language (a project translation where one exists), with inline ``[n]`` markers, and abstains
when the best support is below the calibrated threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .language import asks_when
from .messages import message
from .models import Citation, Hit
from .retrieval import Retrieval

# Month names by language; the date patterns below need a digit next to them, so the English
# modal verb "may" is never taken for the month.
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr"
    r"|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[^\W\d_]*"
)
_DASH = r"\s*[-–—]\s*"
DATE_SPAN = re.compile(
    rf"\b\d{{1,2}}(?:{_DASH}\d{{1,2}})?\s+{_MONTHS}(?:,?\s+\d{{4}})?"  # 17-22 may / 17–22 мая
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?!\d)(?:{_DASH}\d{{1,2}})?(?:,?\s+\d{{4}})?"  # May 17–22, 2026
    rf"|\b{_MONTHS}\s+\d{{4}}(?:\s+года)?"  # July 2025 / июле 2025 года
    rf"|\b\d{{4}}-c[iı] ilin {_MONTHS}",  # 2025-ci ilin iyulunda
    re.IGNORECASE,
)
SECOND_SENTENCE_MARGIN = 0.015


@dataclass(frozen=True)
class Composed:
    """An answer's text and citations, before timings are attached."""

    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    note: str = ""
    answerer: str = "extractive"


def highlight_dates(text: str) -> str:
    """Wrap every date span in bold: ``"Baku on 17–22 May"`` -> ``"Baku on **17–22 May**"``."""
    return DATE_SPAN.sub(lambda m: f"**{m.group(0)}**", text)


def supported(retrieval: Retrieval, min_score: float, max_uncovered: float) -> bool:
    """True when the best hit reaches ``min_score`` and the sources use enough of the
    question's words (less than ``max_uncovered`` of them unknown)."""
    hits = retrieval.hits
    if not hits or max(h.score for h in hits) < min_score:
        return False
    return retrieval.uncovered_share < max_uncovered


_NUMBER = re.compile(r"\d+")


def numbers_in(text: str) -> set[str]:
    """The numbers written in ``text`` with digits, leading zeros dropped: ``"WUF13 on 17-22
    May"`` -> ``{"13", "17", "22"}``."""
    return {n.lstrip("0") or "0" for n in _NUMBER.findall(text)}


def states_numbers(hit: Hit, numbers: set[str]) -> bool:
    """True when the sentence (original or a translation) writes every number in
    ``numbers``; a year may also be its document's year of publication."""
    if not numbers:
        return True
    found = set().union(*(numbers_in(u.text) for u in (hit.original, *hit.translations)))
    found |= numbers_in(hit.original.doc_published[:4])
    return numbers <= found


def compose(
    question: str,
    language: str,
    retrieval: Retrieval,
    *,
    min_score: float,
    max_uncovered: float,
    max_citations: int,
) -> Composed:
    """Quote the supporting sentence(s), or abstain with no citations.

    A number the question names ("pavilion 1234", "WUF12") must be written in the sentence
    that answers it: sentences that do not state it are passed over, and without one the
    answer abstains.
    """
    numbers = numbers_in(question)
    hits = tuple(h for h in retrieval.hits if states_numbers(h, numbers))
    retrieval = replace(retrieval, hits=hits)
    if not supported(retrieval, min_score, max_uncovered):
        return Composed(message("abstain", language), (), True)
    top = hits[0]
    chosen = [top]
    for hit in hits[1:]:
        if len(chosen) >= max_citations:
            break
        if hit.score >= max(min_score, top.score - SECOND_SENTENCE_MARGIN):
            chosen.append(hit)
    when = asks_when(question)
    parts: list[str] = []
    citations: list[Citation] = []
    for number, hit in enumerate(chosen, start=1):
        shown = hit.text_in(language)
        sentence = highlight_dates(shown.text) if when else shown.text
        parts.append(f"{sentence} [{number}]")
        citations.append(citation_for(number, hit, language))
    return Composed(" ".join(parts), tuple(citations), False)


def citation_for(number: int, hit: Hit, language: str) -> Citation:
    """Citation ``[number]`` of ``hit``: the original verbatim, and what the reader was shown."""
    shown = hit.text_in(language)
    return Citation(
        number=number,
        sentence_id=hit.sentence_id,
        quote=hit.original.text,
        language=hit.original.language,
        shown=shown.text,
        shown_language=shown.language,
        doc_title=hit.original.doc_title,
        doc_path=hit.original.doc_path,
        published=hit.original.doc_published,
        source=hit.original.doc_source,
        score=round(hit.score, 4),
    )
