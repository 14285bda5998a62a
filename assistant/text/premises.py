"""What a question takes for granted. "Why was WUF13 moved to Tashkent?" presupposes a move
to Tashkent: if the sources never mention Tashkent, the assistant answers what they do say
(where WUF13 is held) and says plainly that they do not support the premise.

A premise is looked for only in questions that presuppose something (why, since, given that,
isn't it...), and only among the words that would carry a wrong fact: names, numbers, months
and weekdays. "Where was WUF12 held?" presupposes nothing: an unknown WUF12 means the sources
do not say.

    >>> presupposes("Why was WUF13 moved to Tashkent?"), presupposes("Where was WUF12 held?")
    (True, False)
    >>> claims("Why is the ministerial meeting held on a Saturday in Geneva?")
    ['Saturday', 'Geneva']
"""

from __future__ import annotations

import re

from .answer_types import AnswerType
from .dates import is_month_name
from .lexicon import QUESTION_WORDS, STOPWORDS
from .words import WORD

_PRESUPPOSES = re.compile(
    r"\b(why|since|given that|as you know|now that|after .{0,40} (moved|cancelled|changed)|"
    r"isn't it|is it not|right\?|niyə|niye|nə üçün|madam ki|nəzərə alsaq|elə deyil|"
    r"olduğuna görə|olduğu üçün|почему|зачем|раз уж|поскольку|так как|учитывая, что|"
    r"не так ли|ведь)\b",
    re.IGNORECASE,
)
_WEEKDAYS = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|bazar|şənbə|cümə|"
    r"понедельник|вторник|сред|четверг|пятниц|суббот|воскресень)",
    re.IGNORECASE,
)


def presupposes(question: str) -> bool:
    """True when the question takes something for granted (why, since, isn't it...)."""
    return bool(_PRESUPPOSES.search(question))


def claims(question: str) -> list[str]:
    """The words of ``question`` that would carry a fact it assumes: names (capitalised, not
    opening the question), numbers, months and weekdays. In order, without repeats."""
    out: list[str] = []
    for i, match in enumerate(WORD.finditer(question)):
        word = match.group(0)
        lowered = word.lower()
        if lowered in STOPWORDS or lowered in QUESTION_WORDS:
            continue
        named = word[0].isupper() and i > 0
        factual = named or word.isdigit() or is_month_name(word) or _WEEKDAYS.match(word)
        if factual and word not in out:
            out.append(word)
    return out


def claim_type(words: list[str]) -> AnswerType | None:
    """The kind of answer that would correct an assumed fact: a date for a month or a weekday,
    a number for a number, a place for a name ("moved to Tashkent": where WUF13 really is)."""
    if any(is_month_name(w) or _WEEKDAYS.match(w) for w in words):
        return "when"
    if any(w.isdigit() for w in words):
        return "how_many"
    return "where" if words else None
