"""Rule-based sentence segmentation for Azerbaijani, English and Russian prose.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets after it)
when whitespace follows and the next text starts like a sentence: an upper-case letter, a
digit or an opening quote. It does not end after a known abbreviation, an initial or inside
a number. Example::

    >>> split_sentences('"We agree. It helps", - the MFA said. Dr. Aliyev left.')
    ['"We agree.', 'It helps", - the MFA said.', 'Dr. Aliyev left.']
"""

from __future__ import annotations

import re

# Words after which a full stop does not end a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    {
        # English
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "jr",
        "sr", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "gen", "gov",
        "u.s", "u.k", "u.n", "a.m", "p.m",
        # Russian
        "г", "гг", "т", "т.е", "т.д", "т.п", "др", "пр", "им", "ул", "стр", "тыс", "млн",
        "млрд", "руб", "см", "напр", "проф", "акад", "гос", "обл", "р-н",
        # Azerbaijani
        "b", "e", "m", "məs", "s", "səh", "küç", "dos", "akad", "min", "mln", "mlrd",
        "və s", "i", "ş", "r",
    }
)  # fmt: skip

# A sentence end: full stops, question and exclamation marks in Latin, Cyrillic, Arabic and
# CJK text, with any closing quotes or brackets after them.
_END = re.compile(r"[.!?…。！？؟۔]+[\"'”»)\]」』]*")
_FULL_WIDTH = frozenset("。！？")  # CJK ends need no space after them
_NEXT = re.compile(r"\s+[\"'“«(\[「『]?(\S)")
_LONGEST_ABBREVIATION = 40  # characters looked at before a full stop
_WORD_BEFORE = re.compile(rf"[\w.\-]{{1,{_LONGEST_ABBREVIATION}}}$")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of prose into sentences (whitespace inside is normalised).

    Linear in the length of the paragraph: each candidate end looks only at the few
    characters around it (a 1 MB paragraph splits in well under a second;
    ``benchmarks/segment.py``).
    """
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if end >= len(text):
            continue
        if not (_FULL_WIDTH.intersection(match.group()) or _starts_sentence(text, end)):
            continue
        if match.group().startswith(".") and _is_abbreviation(text, start, match.start()):
            continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _starts_sentence(text: str, end: int) -> bool:
    """True when whitespace follows ``end`` and the next text starts like a sentence: an
    upper-case letter, a digit or a letter of a script without case (Arabic, Chinese...),
    possibly after an opening quote or bracket."""
    after = _NEXT.match(text, end)
    if after is None:
        return False
    first = after.group(1)
    return first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the word just before the full stop at ``dot`` is an abbreviation or an
    initial (looking back no further than the sentence's ``start``)."""
    low = max(start, dot - _LONGEST_ABBREVIATION)
    word = _WORD_BEFORE.search(text, low, dot)
    if word is None:
        return False
    if word.start() == low and low > start and _WORD_BEFORE.match(text[low - 1]):
        return False  # the word is longer than any abbreviation
    token = word.group().lower()
    if token in ABBREVIATIONS:
        return True
    # A single letter is an initial ("J. Smith"); a dotted acronym continues ("U.N.").
    return len(token) == 1 and token.isalpha()
