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

_END = re.compile(r"[.!?…]+[\"'”»)\]]*")
_STARTS_SENTENCE = re.compile(r"[\"'“«(\[]?[\dA-ZА-ЯЁƏÖÜĞIİŞÇ]")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of prose into sentences (whitespace inside is normalised)."""
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if end >= len(text) or not text[end].isspace():
            continue
        rest = text[end:].lstrip()
        if not _STARTS_SENTENCE.match(rest):
            continue
        if match.group().startswith(".") and _is_abbreviation(text[start : match.start()]):
            continue
        sentences.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(before: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1).lower().lstrip("(\"'«“")
    if token in ABBREVIATIONS:
        return True
    # A single letter is an initial ("J. Smith"); a dotted acronym continues ("U.N.").
    return len(token) == 1 and token.isalpha()
