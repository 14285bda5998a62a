"""Words and numbers in any of the three scripts, and the one rule for comparing words typed
with or without Azerbaijani letters.

    >>> words("WUF13 Bakıda, 17-22 may!")
    ['wuf13', 'bakıda', '17', '22', 'may']
    >>> stem("bakıda"), stem("bakida"), stem("2025")
    ('baki', 'baki', '2025')
    >>> sorted(numbers_in("WUF13 on 17–22 May, pavilion 007"))
    ['13', '17', '22', '7']
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
