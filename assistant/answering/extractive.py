"""The default answerer: extractive. It quotes the sentences that answer each part of the
question, in the question's language (a project translation where one exists, else the
original, said so), with inline ``[n]`` markers and the answering span in bold; short of an
answer, the closest sentences the sources have, labelled as not an answer (their citations
kept apart: the answer counts as abstained); or it says that the sources don't say.
Differing sources are all quoted; an unsupported premise is named; an instruction inside the
question was taken out before (text/question_parts.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..text.answer_types import AnswerType, answer_spans, bold_answers
from ..values import Citation, Hit
from .messages import language_name, message
from .selection import Choice, Limits, Part, choose


@dataclass(frozen=True)
class Composed:
    """An answer's text and citations, before timings are attached."""

    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    note: str = ""
    closest: tuple[Citation, ...] = ()  # not an answer: the nearest the sources come

    @property
    def kind(self) -> Literal["answer", "closest", "abstain"]:
        return "answer" if not self.abstained else "closest" if self.closest else "abstain"

    answerer: str = "extractive"
    sources_differ: bool = False
    premise_unsupported: bool = False


def compose(parts: list[Part], language: str, limits: Limits) -> Composed:
    """Quote what answers each part, or abstain with no citations when nothing does.

    A sentence that answers two parts ("When and where is WUF13?") is quoted once, with both
    answers in bold.
    """
    found = [choose(part, limits) for part in parts]
    choices = [c if c is not None and not c.closest else None for c in found]
    if not any(choices):
        near = [(part, c) for part, c in zip(parts, found, strict=True) if c is not None]
        if near:
            return _closest(near, language)
        return Composed(message("abstain", language), (), True)
    quotes: dict[str, _Quote] = {}
    pieces: list[str | _Quote] = []
    for part, choice in zip(parts, choices, strict=True):
        if choice is None:
            covering = _covering(quotes.values(), part.answer_type, language)
            if covering is not None:  # "When and where?": the date's sentence names the place
                covering.kinds.append(part.answer_type)
                continue
            pieces.append(message("part_unknown", language, part=part.question))
            continue
        if choice.differ:
            pieces.append(message("differ", language))
        for hit in choice.hits:
            if hit.sentence_id in quotes:
                quotes[hit.sentence_id].kinds.append(part.answer_type)
            else:
                quote = _Quote(hit, len(quotes) + 1, [part.answer_type], dated=choice.differ)
                quotes[hit.sentence_id] = quote
                pieces.append(quote)
    citations = [citation_for(q.number, q.hit, language) for q in quotes.values()]
    text = " ".join(p if isinstance(p, str) else p.render(language) for p in pieces)
    premise = [w for part, c in zip(parts, choices, strict=True) if c for w in part.premise]
    return Composed(
        text,
        tuple(citations),
        False,
        note=_notes(premise, citations, language),
        sources_differ=any(c.differ for c in choices if c),
        premise_unsupported=bool(premise),
    )


def _covering(quotes: Iterable[_Quote], kind: AnswerType | None, language: str) -> _Quote | None:
    """A sentence already quoted for another part of the question that holds the kind of
    answer this part asks for (the parts of one question share its subject)."""
    if kind is None:
        return None
    for quote in quotes:
        if answer_spans(quote.hit.text_in(language).text, kind):
            return quote
    return None


def _closest(near: list[tuple[Part, Choice]], language: str) -> Composed:
    """Not an answer: the sentences that come closest, numbered like citations but kept apart
    from them; a premise the question takes for granted is named as unsupported here too."""
    hits = list({h.sentence_id: h for _, c in near for h in c.hits}.values())
    quotes = [_Quote(hit, n, [None]) for n, hit in enumerate(hits, start=1)]
    text = " ".join([message("closest", language), *(q.render(language) for q in quotes)])
    cited = [citation_for(q.number, q.hit, language) for q in quotes]
    premise = [w for part, _ in near for w in part.premise]
    return Composed(
        text,
        (),
        True,
        note=_notes(premise, cited, language),
        closest=tuple(cited),
        premise_unsupported=bool(premise),
    )


@dataclass
class _Quote:
    hit: Hit
    number: int
    kinds: list[AnswerType | None]
    dated: bool = False  # say which report and when (sources that differ)

    def render(self, language: str) -> str:
        text = self.hit.text_in(language).text
        doc = self.hit.original.doc
        when = ", ".join(x for x in (doc.source, doc.published[:10]) if x)
        dated = f" ({when})" if self.dated and when else ""
        return f"{bold_answers(text, self.kinds)} [{self.number}]{dated}"


def _notes(premise: list[str], citations: list[Citation], language: str) -> str:
    notes = []
    if premise:
        notes.append(message("premise", language, words=", ".join(dict.fromkeys(premise))))
    foreign = sorted({c.shown_language for c in citations if c.shown_language != language})
    if foreign:
        names = ", ".join(language_name(x, language) for x in foreign)
        notes.append(message("other_language", language, languages=names))
    return " ".join(notes)


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
        score=round(hit.score, 4),
        kind=doc.kind,
        url=doc.url,
        page=hit.original.page,
    )
