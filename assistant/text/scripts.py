"""Russian between Cyrillic and Latin letters, and a spelling-independent key for names.

One table gives each Cyrillic letter its usual Latin spelling. It serves both ways: Russian
typed in Latin letters is turned back into Cyrillic for retrieval (its inverse, plus the
other spellings people type), and names are compared across scripts by their consonants.

    >>> to_cyrillic("gde proshel pervyi forum")
    'где прошел первый форум'
    >>> [skeleton(w) for w in ("Baku", "Bakı", "Баку", "Kyzylorda", "Qızılorda", "Кызылорда")]
    ['bk', 'bk', 'bk', 'kzlrd', 'kzlrd', 'kzlrd']
"""

from __future__ import annotations

import re

from .words import fold

CYRILLIC_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# Other Latin spellings of Russian letters that people type, beside the table's own.
_TYPED = {
    "sch": "щ", "h": "х", "c": "ц", "w": "в", "x": "кс", "q": "к", "j": "й", "iy": "ий",
    "yi": "ый", "y": "ы", "e": "е",
}  # fmt: skip
_LATIN_CYRILLIC = sorted(
    ({latin: cyr for cyr, latin in CYRILLIC_LATIN.items() if latin} | _TYPED).items(),
    key=lambda pair: -len(pair[0]),
)
_LATIN_WORD = re.compile(r"\b[a-z]+\b")


def to_cyrillic(text: str) -> str:
    """Russian typed in Latin letters, back in Cyrillic (approximately): ``gde`` -> ``где``.
    Words with capitals or digits (names, WUF13) are kept as typed."""

    def convert(match: re.Match[str]) -> str:
        word, out, i = match.group(0), [], 0
        while i < len(word):
            for latin, cyrillic in _LATIN_CYRILLIC:
                if word.startswith(latin, i):
                    out.append(cyrillic)
                    i += len(latin)
                    break
            else:
                out.append(word[i])
                i += 1
        return "".join(out)

    return _LATIN_WORD.sub(convert, text)


def to_latin(word: str) -> str:
    """A lower-case word in Latin letters: Cyrillic by the table, Azerbaijani letters plain."""
    return fold("".join(CYRILLIC_LATIN.get(ch, ch) for ch in word))


# Spellings of one sound across the three scripts, reduced to one letter for comparing names:
# Russian digraphs (ш sh, ч ch, дж dzh, х kh, ц ts), English j, Azerbaijani q, x, c.
_SOUNDS = (("shch", "s"), ("dzh", "c"), ("sh", "s"), ("ch", "c"), ("zh", "z"), ("kh", "h"),
           ("ts", "c"), ("dj", "c"), ("j", "c"), ("q", "k"), ("x", "h"))  # fmt: skip
_NOT_CONSONANT = re.compile(r"[aeiouyw\W\d_]")


def skeleton(word: str) -> str:
    """A spelling-independent key for a name: Latin consonants only, one letter per sound."""
    latin = to_latin(word.lower())
    for spelling, letter in _SOUNDS:
        latin = latin.replace(spelling, letter)
    return _NOT_CONSONANT.sub("", latin)
