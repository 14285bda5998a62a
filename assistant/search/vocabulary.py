"""Which words of a question the sources never use.

Dense similarity alone cannot tell "When is WUF13?" from "How much is a ticket to WUF13?":
both mention WUF13 and score alike. A question whose content words (not function or
question words) include some that appear nowhere in the knowledge, in any language, asks
about something the sources do not cover. Words are compared by their first five letters,
which absorbs most Azerbaijani and Russian endings, with Azerbaijani letters folded to
plain Latin ones.

    >>> vocabulary = Vocabulary(["WUF13 will be held in Baku on 17-22 May."])
    >>> vocabulary.uncovered("How much does a ticket to WUF13 cost?")
    ['ticket', 'cost']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ..text.lexicon import STOPWORDS
from ..text.words import fold, stem, words

_SPLIT = re.compile(r"\d+|[^\W\d_]+")  # "wuf13" -> "wuf", "13"
# Typos are forgiven only in words of this many letters or more: shorter words have too many
# neighbours one letter away ("forum" vs "forun" yes, "may" vs "mad" no).
TYPO_MIN_LETTERS = 5


def content_words(question: str) -> list[str]:
    """Lower-cased words of the question that carry meaning (not stopwords, not 1 letter)."""
    return [w for w in words(question) if len(w) > 1 and w not in STOPWORDS]


def _deletions(word: str) -> list[str]:
    """``word`` with each one of its letters removed, in order."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


class Vocabulary:
    """The stems of every word in the knowledge, all languages together, and an index of
    each word's one-letter deletions for typo tolerance in constant time per query word
    (built on the first question that needs it: most never do). It counts the texts each
    word occurs in, so that an update can take removed texts out (:meth:`edited`)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._set(Counter(w for text in texts for w in {fold(w) for w in words(text)}))

    def _set(self, counts: Mapping[str, int]) -> None:
        self.counts = dict(counts)
        self.stems = {stem(w) for w in counts} | {
            stem(p) for w in counts for p in _SPLIT.findall(w)
        }
        self._typos: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None

    def edited(self, removed: Iterable[str], added: Iterable[str]) -> Vocabulary:
        """The vocabulary of the knowledge without the texts ``removed``, with ``added``."""
        counts = Counter(self.counts)
        counts.subtract(w for text in removed for w in {fold(w) for w in words(text)})
        counts.update(w for text in added for w in {fold(w) for w in words(text)})
        vocabulary = Vocabulary.__new__(Vocabulary)
        vocabulary._set({w: n for w, n in counts.items() if n > 0})
        return vocabulary

    def _typo_sets(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(words, their one-letter deletions, "position|deletion" keys), built once."""
        if self._typos is None:
            # Typos are only looked for in words of five letters or more, so their
            # neighbours have four or more; numbers never count as a typo of anything.
            typo_words = {
                w for w in self.counts if len(w) >= TYPO_MIN_LETTERS - 1 and not w.isdigit()
            }
            self._typos = (
                frozenset(typo_words),
                frozenset(d for w in typo_words for d in _deletions(w)),
                frozenset(f"{i}|{d}" for w in typo_words for i, d in enumerate(_deletions(w))),
            )
        return self._typos

    def state(self) -> dict[str, list[str] | dict[str, int]]:
        """Everything the vocabulary holds, for :meth:`from_state` (see snapshot.py)."""
        return {"stems": list(self.stems), "counts": self.counts}

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Vocabulary:
        """The vocabulary :meth:`state` described."""
        vocabulary = cls.__new__(cls)
        vocabulary.counts = dict(state["counts"])
        vocabulary.stems = set(state["stems"])
        vocabulary._typos = None
        return vocabulary

    def covers(self, word: str) -> bool:
        """True when the sources use ``word``: by its stem, by its letter and digit parts
        ("wuf13"), or with one letter changed, added or removed in a word of five letters
        or more ("bakuu")."""
        if stem(word) in self.stems:
            return True
        parts = _SPLIT.findall(word)
        if len(parts) > 1:
            return all(stem(p) in self.stems for p in parts)
        folded = fold(word)
        if len(folded) < TYPO_MIN_LETTERS or folded.isdigit():
            return False
        known, deleted, replaced = self._typo_sets()
        if folded in deleted:  # a letter missing from a source word
            return True
        deletions = _deletions(folded)
        return any(d in known for d in deletions) or any(  # one letter too many
            f"{i}|{d}" in replaced
            for i, d in enumerate(deletions)  # one changed
        )

    def uncovered(self, question: str) -> list[str]:
        """Content words of ``question`` that no source uses (in order, no repeats)."""
        out: list[str] = []
        for word in content_words(question):
            if not self.covers(word) and word not in out:
                out.append(word)
        return out
