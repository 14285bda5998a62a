"""Which sentences answer one question (or one part of a two-part question): the calibrated
decision of :mod:`assistant.search.ranker`, and what the product promises around it.

* The ranker gives the probability that its best sentence answers. At or above the ``answer``
  threshold, that sentence answers; at or above ``closest``, the best few sentences are the
  closest the sources come (not a direct answer); below, nothing.
* A number the question names must be written in the sentence that answers it.
* When other sentences that also answer (``also``) give different values (dates, numbers,
  names, quoted titles), every one is quoted and the answer says the sources differ, newest
  report first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..search.retriever import Retrieval
from ..search.vocabulary import content_words
from ..text.answer_types import AnswerType, answer_values, is_precise, same_value
from ..text.words import numbered_names, numbers_in, standalone_numbers
from ..values import Hit

CLOSEST = 3  # sentences shown as the closest the sources come
_QUOTED = re.compile(r"[\"“«„]([^\"”»“]{3,120})[\"”»“]")


@dataclass(frozen=True)
class Part:
    """One question (or part of one) and what the search found for it."""

    question: str  # as asked, without the premise words
    answer_type: AnswerType | None
    retrieval: Retrieval
    premise: tuple[str, ...] = ()  # words of an assumed fact the sources do not support
    leans: bool = False  # searched together with the conversation it follows


@dataclass(frozen=True)
class Limits:
    """Where the decision changes (the ranker's thresholds, or the settings' overrides)."""

    answer: float  # probability that the best sentence answers, to answer with it
    closest: float  # ... to show the closest sentences instead of nothing
    also: float  # a sentence's own probability, to be quoted beside the best one
    max_citations: int


@dataclass(frozen=True)
class Choice:
    """The sentences chosen for one part: an answer (``differ`` when they give different
    values), or only the closest the sources come (``closest``)."""

    hits: tuple[Hit, ...]
    differ: bool = False
    closest: bool = False


def choose(part: Part, limits: Limits) -> Choice | None:
    """The sentences that answer ``part``, the closest ones, or None. A question that names
    nothing ("And where?") and has no conversation to lean on is not answered."""
    if not part.leans and not content_words(part.question):
        return None
    numbers = standalone_numbers(part.question), numbered_names(part.question)
    hits = [h for h in part.retrieval.hits if _states_numbers(h, *numbers)]
    if not hits:
        return None
    best = hits[0]
    sure = part.retrieval.answers if best is part.retrieval.hits[0] else 0.0
    if sure < limits.answer:
        if sure >= limits.closest or (best is not part.retrieval.hits[0]
                                      and part.retrieval.answers >= limits.closest):  # fmt: skip
            return Choice(tuple(hits[:CLOSEST]), closest=True)
        return None
    others = [h for h in hits[1:] if h.probability >= limits.also]
    differ = _differing(best, others, part.answer_type)
    if differ:  # every value, whatever max_citations says, newest report first
        return Choice(tuple(newest_first([best, *differ])), differ=True)
    return Choice(tuple([best, *others][: limits.max_citations]))


def newest_first(hits: list[Hit]) -> list[Hit]:
    """``hits`` ordered by their report's date, newest first (undated last)."""
    return sorted(hits, key=lambda h: h.original.doc.published or "", reverse=True)


def _states_numbers(hit: Hit, numbers: set[str], names: set[str]) -> bool:
    """True when the sentence (original or a translation) writes every number in
    ``numbers`` (a year may also be its document's year of publication), and neither it nor
    its context (title, previous sentence) names another of a name with a number in
    ``names`` without naming it ("WUF12": a sentence about WUF13 does not answer; one that
    names no WUF at all may)."""
    if numbers:
        found = set().union(*(numbers_in(u.text) for u in hit.texts))
        if not numbers <= found | numbers_in(hit.original.doc.published[:4]):
            return False
    if names:
        around = (*hit.texts, *hit.context_units)
        named = set().union(*(numbered_names(u.text) for u in around))
        for name in names:
            kin = {n for n in named if n.rstrip("0123456789") == name.rstrip("0123456789")}
            if kin and name not in kin:
                return False
    return True


def _differing(best: Hit, others: list[Hit], kind: AnswerType | None) -> list[Hit]:
    """Sentences that also answer and give another value than ``best`` and than each other:
    another date or number; for other questions another name or quoted title. A date that
    only makes another precise ("17-22 May" beside "May 2026") is no disagreement."""
    values = _values(best, kind)
    if not values:
        return []
    out: list[Hit] = []
    for hit in others:
        other = _values(hit, kind)
        if other and not _agrees(other, values, kind):
            out.append(hit)
            values |= other
        elif other and kind == "when":
            values |= other  # the days of a month an earlier sentence gave: held to them
    return out


def _values(hit: Hit, kind: AnswerType | None) -> set[str]:
    if kind in ("when", "how_many"):
        return set().union(*(answer_values(u.text, kind) for u in hit.texts))
    quoted = {m.group(1).strip().casefold() for u in hit.texts for m in _QUOTED.finditer(u.text)}
    return quoted


def _agrees(other: set[str], values: set[str], kind: AnswerType | None) -> bool:
    """Whether a sentence's values can be the same answer as those already quoted; a date
    is held against the most precise dates known (a bare "May 2026" agrees with any day).
    Quoted titles agree when any two of them (in any language) share half their words."""
    if kind == "how_many":
        return bool(other & values)
    if kind != "when":
        return any(_similar(o, v) for o in other for v in values)
    precise = {v for v in values if is_precise(v)}
    mine = {o for o in other if is_precise(o)}
    pool = precise if mine and precise else values
    return any(same_value(o, v, kind) for o in (mine or other) for v in pool)


def _similar(a: str, b: str) -> bool:
    """Whether two quoted titles share at least half their words (of four letters or more)."""
    first, second = set(re.findall(r"\w{4,}", a)), set(re.findall(r"\w{4,}", b))
    union = first | second
    return bool(union) and len(first & second) >= 0.5 * len(union)
