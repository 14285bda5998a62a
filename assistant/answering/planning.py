"""From what was asked to what is searched: instructions taken out, a two-part question split,
a follow-up joined to the question it leans on, an unsupported premise set aside; then one
search per part.

    >>> parts_to_search("When is WUF13, and which venue is hosting it?")
    ['When is WUF13', 'which venue is hosting it? When is WUF13']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from ..search.features import Query
from ..search.loaded import LoadedIndex
from ..search.retriever import Retrieval
from ..search.vocabulary import Vocabulary
from ..text.answer_types import question_type
from ..text.follow_ups import conversation_subject, looks_like_follow_up, without_pointers
from ..text.language import is_latin_russian
from ..text.premises import claim_type, claims, presupposes
from ..text.question_parts import split_parts
from ..text.scripts import to_cyrillic
from ..values import Turn
from .selection import Part

Condense = Callable[[str, tuple[Turn, ...]], str | None]


class Searcher(Protocol):
    """What planning needs of a retriever (:class:`~assistant.search.retriever.Retriever`)."""

    def index(self) -> LoadedIndex: ...

    def search(self, query: Query) -> Retrieval: ...


def retrieval_query(question: str, history: tuple[Turn, ...]) -> str:
    """What is searched: a follow-up ("And when is it?") with the subject of the question it
    leans on in place of its pointing words ("WUF13 And when is?"); Russian typed in Latin
    letters back in Cyrillic."""
    previous = conversation_subject(history) if looks_like_follow_up(question) else None
    query = f"{previous} {without_pointers(question)}" if previous else question
    return to_cyrillic(query) if is_latin_russian(question) else query


def parts_to_search(asked: str) -> list[str]:
    """The parts of the question, each able to stand alone: a part that leans on the other
    ("which venue is hosting it?") carries the other with it."""
    parts = split_parts(asked)
    if len(parts) == 1:
        return parts
    return [
        f"{part} {' '.join(p for p in parts if p is not part)}"
        if looks_like_follow_up(part)
        else part
        for part in parts
    ]


def plan(
    asked: str,
    turns: tuple[Turn, ...],
    language: str,
    retriever: Searcher,
    condense: Condense | None = None,
) -> list[Part]:
    """Search for every part of ``asked`` (instructions already taken out)."""
    vocabulary = retriever.index().vocabulary
    assumes = presupposes(asked)
    out = []
    for piece in parts_to_search(asked):
        leans = looks_like_follow_up(piece) and conversation_subject(turns) is not None
        query = retrieval_query(piece, turns)
        if condense is not None and leans:
            query = condense(piece, turns) or query
        premise = tuple(_unsupported(piece, vocabulary)) if assumes else ()
        # "Why was it moved to Tashkent?": the answer is where it really is. A follow-up asks
        # for its own kind of answer, whatever the question it leans on asked.
        kind = question_type(piece) or claim_type(list(premise))
        question = _without(piece, premise)
        searched = _without(query, premise)
        # A follow-up asks about what it leans on: "А где он пройдет?" after a WUF13 question
        # names WUF13 as much as "Где пройдет WUF13?" does, so the ranker reads the names and
        # words of the question with its subject put back.
        asks = searched if leans else question
        out.append(
            Part(
                question,
                kind,
                retriever.search(Query(searched, asks, language, kind, follow_up=leans)),
                premise,
                leans,
            )
        )
    return out


def _unsupported(question: str, vocabulary: Vocabulary) -> list[str]:
    """The names, numbers and dates the question assumes that no source uses."""
    return [w for w in claims(question) if not vocabulary.covers(w.lower())]


def _without(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = re.sub(rf"(?<!\w){re.escape(word)}\w*", " ", text)
    return " ".join(text.split())


def merged(parts: list[Part]) -> Retrieval:
    """One retrieval for all parts (for a language model, and for evaluation): the hits of
    each part in turn, each sentence once."""
    first = parts[0].retrieval
    seen: dict[str, object] = {}
    hits = []
    for rank in range(max(len(p.retrieval.hits) for p in parts)):
        for part in parts:
            if rank < len(part.retrieval.hits):
                hit = part.retrieval.hits[rank]
                if hit.sentence_id not in seen:
                    seen[hit.sentence_id] = hit
                    hits.append(hit)
    return Retrieval(
        hits=tuple(hits),
        embed_ms=sum(p.retrieval.embed_ms for p in parts),
        search_ms=sum(p.retrieval.search_ms for p in parts),
        uncovered=first.uncovered,
        content_words=first.content_words,
        answers=min(p.retrieval.answers for p in parts),
    )
