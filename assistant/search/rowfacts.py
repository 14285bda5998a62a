"""What the ranker reads from a text beyond its scores: the kinds of answer it holds, its
numbers, the names it uses (by spelling-independent skeleton) and its word stems. Worked out
the first time a question looks at the text, then kept for the life of the loaded index.

    >>> facts = text_facts("Bakıda 17-22 may tarixlərində 25 min nəfər gözlənilir.")
    >>> sorted(facts.kinds), sorted(facts.numbers)
    (['how_many', 'when', 'where'], ['17', '22', '25'])
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.answer_types import AnswerType, answer_values, has_answer, is_precise
from ..text.scripts import skeleton, to_latin
from ..text.words import WORD, numbers_in, stem, words

KINDS: tuple[AnswerType, ...] = ("when", "how_many", "who", "where")


@dataclass(frozen=True)
class TextFacts:
    """The facts of one text."""

    kinds: frozenset[str]  # the kinds of answer it holds
    precise: bool  # it gives a date to the day ("17-22 May", not only "May 2026")
    values: dict[str, frozenset[str]]  # its dates and numbers, normalised (answer_values)
    numbers: frozenset[str]
    names: frozenset[str]  # skeletons of its capitalised words
    stems: frozenset[str]  # stems of its words, and of their Latin spelling


def text_facts(text: str) -> TextFacts:
    return TextFacts(
        kinds=frozenset(k for k in KINDS if has_answer(text, k)),
        precise=any(is_precise(v) for v in answer_values(text, "when")),
        values={k: frozenset(answer_values(text, k)) for k in ("when", "how_many")},
        numbers=frozenset(numbers_in(text)),
        names=frozenset(name_keys(text)),
        stems=frozenset(word_keys(text)),
    )


def name_keys(text: str) -> set[str]:
    """Skeletons of the capitalised words of ``text`` (names, wherever they stand), of two
    consonants or more ("Baku" -> ``bk``); a name with a number whole ("WUF13" -> ``wuf13``,
    never the same as WUF12)."""
    out = set()
    for token in WORD.findall(text):
        if any(ch.isdigit() for ch in token) and not token.isdigit():
            out.add(token.lower())
        elif token[0].isupper() and not token.isdigit():
            key = skeleton(token)
            if len(key) >= 2:
                out.add(key)
    return out


def word_keys(text: str) -> set[str]:
    """Stems of the words of ``text``, and of their Latin spelling (so that a Russian word
    and its transliteration meet)."""
    out = set()
    for word in words(text):
        out.add(stem(word))
        out.add(stem(to_latin(word)))
    return out


class RowFacts:
    """Facts of an index's texts by row, each worked out once."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._facts: dict[int, TextFacts] = {}

    def __getitem__(self, row: int) -> TextFacts:
        facts = self._facts.get(row)
        if facts is None:
            facts = self._facts[row] = text_facts(self.texts[row])
        return facts
