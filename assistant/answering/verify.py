"""Deterministic checks of a language model's answer against the sentences it was given.

A sentence of the answer is kept only when

1. it cites at least one source with an inline marker ``[n]``;
2. every ``[n]`` it cites is one of the sources the model was given;
3. every number, month and proper name in it appears in the sentences it cites (in the
   original or a translation), compared across scripts and languages: *Baku*, *Bakı* and
   *Баку* are one name; *May*, *may* and *мая* one month.

It cannot judge meaning: a sentence that rearranges true words into a false claim, or whose
claim rests only on common words ("the forum is unimportant [1]"), passes.
:func:`citation_problems` checks a finished answer's markers and quotes against the stored
originals (the ``verify`` step of :class:`assistant.chains.AssistantRunnable`).

    >>> sources = {1: ["Bakıda 17-22 may tarixlərində keçiriləcək WUF13 ...",
    ...                "WUF13, to be held in Baku on 17–22 May, ..."]}
    >>> check_sentence("WUF13 takes place in Baku on 17–22 May [1].", sources).ok
    True
    >>> check_sentence("WUF13 takes place in Paris on 17–22 June [1].", sources).problems
    ('month June is not in [1]', 'name Paris is not in [1]')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..text.dates import MONTHS, is_month_name, months_in
from ..text.lexicon import STOPWORDS
from ..text.scripts import skeleton
from ..text.words import WORD, numbers_in
from ..values import Answer

# An inline citation marker: [1], [1, 3]. The model writes it; the reader sees it renumbered.
MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# Capitalised words that are not names: English has no other (Azerbaijani and Russian
# sentences capitalise only their first word and names). Words about a subject never go here.
_NOT_NAMES = STOPWORDS | {"yes", "however", "according"}


@dataclass(frozen=True)
class SentenceCheck:
    """The verdict on one answer sentence."""

    sentence: str
    cited: tuple[int, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.cited) and not self.problems


def names_in(sentence: str) -> list[str]:
    """Capitalised words that are not common words: likely names. The first word of the
    sentence counts too unless it is a function word ("The", "It", "Это"), so that
    "PWNED [1]." or "Paris hosts it [1]." cannot slip through."""
    out = []
    for word in _letter_words(MARKER.sub(" ", sentence)):
        if not word[0].isupper() or word.lower() in _NOT_NAMES:
            continue
        if is_month_name(word):
            continue  # months are checked as months
        out.append(word)
    return out


def _letter_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if not w[0].isdigit()]


def check_sentence(sentence: str, sources: Mapping[int, Sequence[str]]) -> SentenceCheck:
    """Check one sentence; ``sources`` maps the numbers given to the model to their texts
    (the original sentence and its translations)."""
    cited = tuple(int(n) for group in MARKER.findall(sentence) for n in re.split(r"\s*,\s*", group))
    problems: list[str] = []
    if not cited:
        return SentenceCheck(sentence, (), ("cites no source",))
    unknown = [n for n in cited if n not in sources]
    if unknown:
        problems.append(f"cites [{', '.join(map(str, unknown))}], which it was not given")
    texts = [t for n in cited if n in sources for t in sources[n]]
    label = "".join(f"[{n}]" for n in dict.fromkeys(cited))
    haystack = " ".join(texts)
    body = MARKER.sub(" ", sentence)
    numbers = numbers_in(haystack)
    for number in sorted(numbers_in(body) - numbers, key=int):
        problems.append(f"number {number} is not in {label}")
    source_months = months_in(haystack)
    for month in sorted(months_in(body) - source_months):
        problems.append(f"month {MONTHS[month][0].title()} is not in {label}")
    source_keys = [skeleton(w) for w in _letter_words(haystack)]
    for name in dict.fromkeys(names_in(sentence)):
        key = skeleton(name)
        if not key or not any(
            k.startswith(key) or (len(k) >= 3 and key.startswith(k)) for k in source_keys
        ):
            problems.append(f"name {name} is not in {label}")
    return SentenceCheck(sentence, cited, tuple(problems))


def citation_problems(answer: Answer, stored: Mapping[str, str]) -> list[str]:
    """What is wrong with ``answer``'s citations, given the stored originals by sentence id:
    a ``[n]`` with no citation, a citation never marked, a quote not verbatim.

    >>> from assistant.values import Citation
    >>> c = Citation(1, "doc#s1", "Bakıda.", "az", "In Baku.", "en", "T", "doc.md", "", "", 0.9)
    >>> a = Answer("q", "In Baku [1]. In May [2].", "en", (c,), False, "answer")
    >>> citation_problems(a, {"doc#s1": "Bakıda!"})
    ['[2] has no citation', '[1] does not quote doc#s1 verbatim']
    """
    marked = {int(n) for group in MARKER.findall(answer.text) for n in group.split(",")}
    numbers = {c.number for c in answer.citations}
    problems = [f"[{n}] has no citation" for n in sorted(marked - numbers)]
    problems += [f"citation [{n}] is not in the text" for n in sorted(numbers - marked)]
    problems += [
        f"[{c.number}] does not quote {c.sentence_id} verbatim"
        for c in answer.citations
        if stored.get(c.sentence_id) != c.quote
    ]
    return problems
