"""Frozen values that cross module boundaries, and the grammar of sentence ids.

A sentence id is ``<document slug>#s<N>``: ``s0`` is the document's title, ``s1``... its body
sentences in order. A translation of a sentence shares its id.

    >>> sentence_id("2026-02-26-report", 9), split_sentence_id("2026-02-26-report#s9")
    ('2026-02-26-report#s9', ('2026-02-26-report', 9))
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["user", "assistant"]
_SENTENCE = "#s"


def sentence_id(slug: str, number: int) -> str:
    """The id of sentence ``number`` of document ``slug``."""
    return f"{slug}{_SENTENCE}{number}"


def split_sentence_id(value: str) -> tuple[str, int]:
    """``(document slug, sentence number)`` of a sentence id."""
    slug, number = value.rsplit(_SENTENCE, 1)
    return slug, int(number)


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    role: Role
    content: str


DocumentKind = Literal["article", "summary"]


@dataclass(frozen=True)
class DocumentInfo:
    """Where sentences come from: one knowledge document (shared by all its units).

    ``kind`` is ``article`` for an original publication, ``summary`` for a summary the project
    wrote in its own words of the report that ``source``, ``published`` and ``url`` name.
    """

    slug: str
    title: str
    path: str
    published: str = ""
    source: str = ""
    kind: DocumentKind = "article"
    url: str = ""
    format: str = "md"  # md, txt, html or pdf


@dataclass(frozen=True)
class Unit:
    """One retrievable text: a source sentence in its original language or a translation of it.

    ``sentence_id`` (``<doc-slug>#s<N>``) names the original sentence; a translation shares it.
    ``record_id`` is unique per stored text: the sentence id, plus ``~<lang>`` for a translation.
    """

    record_id: str
    sentence_id: str
    index: int
    text: str
    language: str
    is_translation: bool
    original_text: str
    content_hash: str
    doc: DocumentInfo
    page: int = 0  # the PDF page the sentence starts on (0: the file has no pages)


@dataclass(frozen=True)
class Hit:
    """One source sentence found for a question, with the texts that matched it."""

    sentence_id: str
    score: float  # best cosine similarity among its texts (original or translations)
    rank_score: float  # the ranker's logit: what the ranking used
    original: Unit
    translations: tuple[Unit, ...] = ()
    probability: float = 0.0  # the ranker's probability that it answers the question
    context_units: tuple[Unit, ...] = ()  # its document's title and the sentence before it

    @property
    def texts(self) -> tuple[Unit, ...]:
        """The original and its translations."""
        return (self.original, *self.translations)

    def text_in(self, language: str) -> Unit:
        """The original if it is in ``language``, else its translation, else the original."""
        if self.original.language == language:
            return self.original
        for unit in self.translations:
            if unit.language == language:
                return unit
        return self.original


@dataclass(frozen=True)
class DocumentView:
    """A whole indexed document: its sentences in order, each with its translations."""

    doc: DocumentInfo
    sentences: tuple[Hit, ...]  # score fields are 0; one entry per original sentence


@dataclass(frozen=True)
class Citation:
    """A cited source sentence: ``quote`` is the original sentence verbatim."""

    number: int
    sentence_id: str
    quote: str
    language: str
    shown: str  # the text shown in the answer (the translation, or the quote itself)
    shown_language: str
    doc_title: str
    doc_path: str
    published: str
    source: str
    score: float
    kind: DocumentKind = "article"  # "summary": written by the project from the named report
    url: str = ""
    page: int = 0  # the PDF page of the quote (0: no pages)

    @property
    def locator(self) -> str:
        """Where the quote is in its document: ``§3``, or ``§3, p. 2`` in a PDF."""
        where = f"§{split_sentence_id(self.sentence_id)[1]}"
        return f"{where}, p. {self.page}" if self.page else where


@dataclass(frozen=True)
class Timings:
    """Where an answer's time went, in milliseconds."""

    embed_ms: float = 0.0
    retrieve_ms: float = 0.0
    answer_ms: float = 0.0
    total_ms: float = 0.0


@dataclass(frozen=True)
class Answer:
    """What the assistant says, in the question's language, with the sentences that back it."""

    question: str
    text: str
    language: str
    citations: tuple[Citation, ...]
    abstained: bool  # true unless it answers (also for "closest": that is not an answer)
    kind: Literal["answer", "closest", "abstain", "smalltalk"]
    timings: Timings = field(default_factory=Timings)
    embedder: str = ""
    answerer: str = "extractive"
    note: str = ""  # e.g. why a model's answer was replaced by the extractive one
    sources_differ: bool = False  # the sources give different values for what was asked
    premise_unsupported: bool = False  # the question assumed what the sources contradict
    # Short of an answer: the sentences that come closest ("[n]" in the text refers to these),
    # never counted as citations of an answer.
    closest: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's ``--json`` and the UI's API return it)."""
        return asdict(self)


@dataclass(frozen=True)
class Delta:
    """A piece of answer text, streamed before the final :class:`Answer`."""

    text: str
