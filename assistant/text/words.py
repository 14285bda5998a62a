"""Words and numbers in any of the three scripts, and the one rule for comparing words typed
with or without Azerbaijani letters.

    >>> words("WUF13 Bakıda, 17-22 may!")
    ['wuf13', 'bakıda', '17', '22', 'may']
    >>> stem("bakıda"), stem("bakida"), stem("2025")
    ('baki', 'baki', '2025')
    >>> sorted(numbers_in("WUF13 on 17–22 May, pavilion 007"))
    ['13', '17', '22', '7']
    >>> sorted(standalone_numbers("WUF13 on 17–22 May, pavilion 007"))
    ['17', '22', '7']
    >>> sorted(numbered_names("WUF13 after COP29, on 17-22 May"))
    ['cop29', 'wuf13']
"""

from __future__ import annotations

import re

from .stemming import strip_suffix

# Letters and digits of any script; "_" is not part of a word.
WORD = re.compile(r"[^\W_]+")
NUMBER = re.compile(r"\d+")
# How people type Azerbaijani without its letters ("tarixde" for "tarixdə").
AZ_PLAIN = str.maketrans("əışçğöü", "eiscgou")
# Words are compared by their first five letters: enough to absorb most Azerbaijani and
# Russian endings ("Bakıda", "Bakının" -> "bakid"/"bakın"), measured with
# benchmarks/retrieval.py when BM25 was added.
STEM_PREFIX = 5


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits, any script)."""
    return [w.lower() for w in WORD.findall(text)]


def fold(word: str) -> str:
    """A lower-case word with its Azerbaijani letters typed plainly: ``şəhər`` -> ``seher``."""
    return word.translate(AZ_PLAIN)


def stem(word: str) -> str:
    """The key a lower-case word is compared by: folded, its ending stripped, cut to five
    letters (numbers stay whole, so 2025 never matches 2026)."""
    return word if word.isdigit() else strip_suffix(fold(word))[:STEM_PREFIX]


def numbers_in(text: str) -> set[str]:
    """The numbers written with digits in ``text``, leading zeros dropped."""
    return {n.lstrip("0") or "0" for n in NUMBER.findall(text)}


def standalone_numbers(text: str) -> set[str]:
    """The numbers of ``text`` that stand alone, not inside a name such as WUF13 or COP29."""
    return {n.lstrip("0") or "0" for n in _STANDALONE.findall(text)}


def numbered_names(text: str) -> set[str]:
    """Names that carry a number (WUF13, COP29, ISO 20121 is not one), lower-cased."""
    return {w.lower() for w in _NUMBERED.findall(text)}


_STANDALONE = re.compile(r"(?<![^\W_])\d+(?![^\W\d_])")
_NUMBERED = re.compile(r"(?<!\w)(?=\w*\d)(?=\w*[^\W\d_])\w+")
