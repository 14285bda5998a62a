"""The default answerer: extractive. It quotes the best source sentence(s) in the question's
language (a project translation where one exists), with inline ``[n]`` markers, and abstains
when the best support is below the calibrated threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..search.retriever import Retrieval
from ..text.dates import highlight_dates
from ..text.language import asks_when
from ..text.words import numbers_in
from ..values import Citation, Hit
from .messages import message


@dataclass(frozen=True)
class Composed:
    """An answer's text and citations, before timings are attached."""

    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    note: str = ""
    answerer: str = "extractive"


def supported(retrieval: Retrieval, min_score: float, max_uncovered: float) -> bool:
    """True when the best hit reaches ``min_score`` and the sources use enough of the
    question's words (less than ``max_uncovered`` of them unknown)."""
    hits = retrieval.hits
    if not hits or max(h.score for h in hits) < min_score:
        return False
    return retrieval.uncovered_share < max_uncovered


def states_numbers(hit: Hit, numbers: set[str]) -> bool:
    """True when the sentence (original or a translation) writes every number in
    ``numbers``; a year may also be its document's year of publication."""
    if not numbers:
        return True
    found = set().union(*(numbers_in(u.text) for u in (hit.original, *hit.translations)))
    found |= numbers_in(hit.original.doc.published[:4])
    return numbers <= found


def compose(
    question: str,
    language: str,
    retrieval: Retrieval,
    *,
    min_score: float,
    max_uncovered: float,
    max_citations: int,
    second_margin: float,
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
        if hit.score >= max(min_score, top.score - second_margin):
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
    doc = hit.original.doc
    return Citation(
        number=number,
        sentence_id=hit.sentence_id,
        quote=hit.original.text,
        language=hit.original.language,
        shown=shown.text,
        shown_language=shown.language,
        doc_title=doc.title,
        doc_path=doc.path,
        published=doc.published,
        source=doc.source,
        kind=doc.kind,
        url=doc.url,
        score=round(hit.score, 4),
    )
