"""Which sentences answer one question (or one part of a two-part question), or none.

A sentence is chosen only if it supports the question: the best similarity reaches the
threshold, the question's words are known to the knowledge, a number the question names is
written in it, it holds the kind of answer asked for, and (where it can be read in the question's
language) it and its context use enough of the question's words. A document's title is
chosen only when no body sentence supports the question. When sentences that support the
question equally well give different values (dates, numbers, names), all are chosen and the
answer says that the sources differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..search.retriever import Retrieval
from ..search.vocabulary import content_words
from ..text.answer_types import (
    AnswerType,
    answer_values,
    counts,
    has_answer,
    is_precise,
    question_focus,
    same_value,
)
from ..text.scripts import to_latin
from ..text.words import numbers_in, stem, words
from ..values import Hit, Unit

_CYRILLIC = re.compile(r"[а-яё]")


@dataclass(frozen=True)
class Part:
    """One question (or part of one) and what the search found for it."""

    question: str  # as asked, without the premise words
    answer_type: AnswerType | None
    retrieval: Retrieval
    premise: tuple[str, ...] = ()  # words of an assumed fact the sources do not support


@dataclass(frozen=True)
class Limits:
    """The thresholds that decide support (Settings fields, fitted by benchmarks/calibrate.py)."""

    min_score: float
    max_uncovered: float
    min_coverage: float
    second_margin: float
    conflict_margin: float
    max_citations: int


@dataclass(frozen=True)
class Choice:
    """The sentences chosen for one part; ``differ`` when they give different values."""

    hits: tuple[Hit, ...]
    differ: bool = False


def choose(part: Part, language: str, limits: Limits) -> Choice | None:
    """The sentences that answer ``part``, or None when the sources do not."""
    retrieval = part.retrieval
    numbers = numbers_in(part.question)
    hits = [h for h in retrieval.hits if _states_numbers(h, numbers)]
    if not hits or max(h.score for h in hits) < limits.min_score:
        return None
    if retrieval.uncovered_share >= limits.max_uncovered and not part.premise:
        return None  # (a question built on a false premise uses words no source has)
    asked = content_words(part.question)
    focus = question_focus(part.question)
    relevant = [h for h in hits if _supports(h, part, asked, None, language, limits)]
    passing = [h for h in relevant if _supports(h, part, asked, focus, language, limits)]
    body = [h for h in passing if h.original.index != 0]
    ranked = body or passing
    if not ranked:
        return None
    best = ranked[0]
    # Another value for the same thing may name it otherwise ("30 thousand people" beside
    # "20,000 participants"): the best answer names what is counted, the others need not.
    others = [h for h in relevant if h is not best]
    if part.answer_type == "how_many":  # only numbers that count what was asked about
        others = [h for h in others if _counts(h, focus)] if _counts(best, focus) else []
    sharper, differ = _differing(best, others, part.answer_type, limits)
    if differ:
        return Choice((best, *(sharper + differ)[: max(0, limits.max_citations)]), differ=True)
    chosen = [best, *sharper[: min(1, limits.max_citations - 1)]]  # "May 2026": and the days
    for hit in ranked[1:]:
        if len(chosen) >= limits.max_citations:
            break
        if hit not in chosen and hit.score >= max(
            limits.min_score, best.score - limits.second_margin
        ):
            chosen.append(hit)
    return Choice(tuple(chosen))


def _states_numbers(hit: Hit, numbers: set[str]) -> bool:
    """True when the sentence (original or a translation) writes every number in
    ``numbers``; a year may also be its document's year of publication."""
    if not numbers:
        return True
    found = set().union(*(numbers_in(u.text) for u in hit.texts))
    found |= numbers_in(hit.original.doc.published[:4])
    return numbers <= found


def _supports(
    hit: Hit, part: Part, asked: list[str], focus: str | None, language: str, limits: Limits
) -> bool:
    kind = part.answer_type
    if kind is not None and not any(has_answer(u.text, kind) for u in hit.texts):
        return False
    share = coverage(asked, hit, language)
    if share is None:
        return True  # it cannot be read in the question's language: similarity decides
    if focus is not None and coverage([focus], hit, language) == 0.0:
        return False  # "how many mayors": a sentence that never names mayors does not say
    return share >= limits.min_coverage


def coverage(asked: list[str], hit: Hit, language: str) -> float | None:
    """Share of the question's content words that the sentence or its context uses, when it
    can be read in the question's language (else None: words cannot be compared)."""
    readable = [u for u in (*hit.texts, *hit.context_units) if u.language == language]
    if not asked or not readable:
        return None
    keys = set().union(*(_keys(u) for u in (*hit.texts, *hit.context_units)))
    found = sum(1 for w in asked if _word_keys(w) & keys)
    return found / len(asked)


def _keys(unit: Unit) -> set[str]:
    return set().union(*(_word_keys(w) for w in words(unit.text)))


def _word_keys(word: str) -> set[str]:
    keys = {stem(word)}
    if _CYRILLIC.search(word):
        keys.add(stem(to_latin(word)))
    return keys


def _differing(
    best: Hit, others: list[Hit], kind: AnswerType | None, limits: Limits
) -> tuple[list[Hit], list[Hit]]:
    """Sentences about as good as ``best`` that give other dates or numbers (names are not
    compared: a sentence names many people and places besides the one asked for). A date
    that only makes an earlier one precise ("17-22 May" after "May 2026") is no conflict:
    such sentences come first in the result, (sharper, differing)."""
    if kind not in ("when", "how_many"):
        return [], []
    values = _values(best, kind)
    if not values:
        return [], []
    out: list[Hit] = []
    sharper: list[Hit] = []
    for hit in others:
        if hit.rank_score < best.rank_score - limits.conflict_margin:
            break
        other = _values(hit, kind)
        if not other:
            continue
        if _agrees(other, values, kind):
            if kind == "when" and _precise(other) and not _precise(values):
                sharper.append(hit)
                values |= other
            continue
        out.append(hit)
        values |= other
    return sharper, out


def _agrees(other: set[str], values: set[str], kind: AnswerType) -> bool:
    """Whether a sentence's values can be the same answer as those already quoted; a date
    is held against the most precise dates known (a bare "May 2026" agrees with any day)."""
    if kind != "when":
        return bool(other & values)
    pool = _precise(values) if _precise(other) and _precise(values) else values
    return any(same_value(o, v, kind) for o in (_precise(other) or other) for v in pool)


def _precise(values: set[str]) -> set[str]:
    return {v for v in values if is_precise(v)}


def _counts(hit: Hit, focus: str | None) -> bool:
    return any(counts(u.text, focus) for u in hit.texts)


def _values(hit: Hit, kind: AnswerType) -> set[str]:
    return set().union(*(answer_values(u.text, kind) for u in hit.texts))
