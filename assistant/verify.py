"""Deterministic checks of a language model's answer against the sentences it was given.

A sentence of the answer is kept only when

1. it cites at least one source with an inline marker ``[n]``;
2. every ``[n]`` it cites is one of the sources the model was given;
3. every number, month and proper name in it appears in the sentences it cites (in the
   original or a translation), compared across scripts and languages: *Baku*, *Bakı* and
   *Баку* are one name; *May*, *may* and *мая* one month.

It cannot judge meaning: a sentence that rearranges true words into a false claim, or whose
claim rests only on common words ("the forum is unimportant [1]"), passes.

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

from .answer import DATE_SPAN
from .coverage import STOPWORDS

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_][^\W_]*", re.UNICODE)
_MONTH_STEMS = {
    1: ("january", "yanvar", "январ"), 2: ("february", "fevral", "феврал"),
    3: ("march", "mart", "март"), 4: ("april", "aprel", "апрел"), 5: ("may", "мая", "май"),
    6: ("june", "iyun", "июн"), 7: ("july", "iyul", "июл"), 8: ("august", "avqust", "август"),
    9: ("september", "sentyabr", "сентябр"), 10: ("october", "oktyabr", "октябр"),
    11: ("november", "noyabr", "ноябр"), 12: ("december", "dekabr", "декабр"),
}  # fmt: skip
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sh", "", "y", "", "e",
                 "yu", "ya"], strict=True))  # fmt: skip
_AZ = str.maketrans({"ə": "e", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ö": "o", "ü": "u",
                     "q": "k", "x": "kh", "c": "j"})  # fmt: skip
# Capitalised words that are not names: sentence openers, pronouns, common words.
_NOT_NAMES = frozenset(
    "the a an it its this that these those they we i in on at by for and but or of to as with "
    "also he she his her their our yes no however according forum session ministry bu o və "
    "это он она они в на и по для с также форум министерство".split()
)


@dataclass(frozen=True)
class SentenceCheck:
    """The verdict on one answer sentence."""

    sentence: str
    cited: tuple[int, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.cited) and not self.problems


def skeleton(word: str) -> str:
    """A spelling-independent key for a name: Latin letters, no vowels.

    ``Baku``, ``Bakı`` and ``Баку`` -> ``bk``; ``Kyzylorda``, ``Qızılorda``, ``Кызылорда`` ->
    ``kzlrd``.
    """
    lowered = word.lower()
    latin = "".join(_CYR.get(ch, ch) for ch in lowered).translate(_AZ)
    latin = latin.replace("dzh", "j").replace("dj", "j")
    return re.sub(r"[aeiouyw\W\d_]", "", latin)


def months_in(text: str) -> set[int]:
    """Months named in the date expressions of ``text`` (a bare "may" is not a month)."""
    found: set[int] = set()
    for span in DATE_SPAN.finditer(text):
        lowered = span.group(0).lower()
        for number, stems in _MONTH_STEMS.items():
            if any(re.search(rf"(?<![^\W\d_]){re.escape(s)}", lowered) for s in stems):
                found.add(number)
    return found


def names_in(sentence: str) -> list[str]:
    """Capitalised words that are not common words: likely names. The first word of the
    sentence counts too unless it is a function word ("The", "It", "Это"), so that
    "PWNED [1]." or "Paris hosts it [1]." cannot slip through."""
    words = _WORD.findall(_MARKER.sub(" ", sentence))
    out = []
    for word in words:
        lowered = word.lower()
        if not word[0].isupper() or lowered in _NOT_NAMES or lowered in STOPWORDS:
            continue
        if any(word.lower().startswith(s) for stems in _MONTH_STEMS.values() for s in stems):
            continue  # months are checked as months
        out.append(word)
    return out


def check_sentence(sentence: str, sources: Mapping[int, Sequence[str]]) -> SentenceCheck:
    """Check one sentence; ``sources`` maps the numbers given to the model to their texts
    (the original sentence and its translations)."""
    cited = tuple(
        int(n) for group in _MARKER.findall(sentence) for n in re.split(r"\s*,\s*", group)
    )
    problems: list[str] = []
    if not cited:
        return SentenceCheck(sentence, (), ("cites no source",))
    unknown = [n for n in cited if n not in sources]
    if unknown:
        problems.append(f"cites [{', '.join(map(str, unknown))}], which it was not given")
    texts = [t for n in cited if n in sources for t in sources[n]]
    label = "".join(f"[{n}]" for n in dict.fromkeys(cited))
    haystack = " ".join(texts)
    body = _MARKER.sub(" ", sentence)
    numbers = set(_NUMBER.findall(haystack))
    for number in dict.fromkeys(_NUMBER.findall(body)):
        if number not in numbers:
            problems.append(f"number {number} is not in {label}")
    source_months = months_in(haystack)
    for month in sorted(months_in(body) - source_months):
        problems.append(f"month {_MONTH_STEMS[month][0].title()} is not in {label}")
    source_keys = [skeleton(w) for w in _WORD.findall(haystack)]
    for name in dict.fromkeys(names_in(sentence)):
        key = skeleton(name)
        if not key or not any(
            k.startswith(key) or (len(k) >= 3 and key.startswith(k)) for k in source_keys
        ):
            problems.append(f"name {name} is not in {label}")
    return SentenceCheck(sentence, cited, tuple(problems))
