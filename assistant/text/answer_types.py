"""What kind of answer a question asks for, and where a sentence holds one, in three languages.

``when`` wants a date, ``how_many`` a number, ``who`` a person or a body, ``where`` a place;
other questions (``which``, ``what``, yes/no) have no type checked here. A sentence answers a
typed question only if it holds a span of that type; the span is what the answer shows bold.

    >>> question_type("How many volunteers will work at WUF13?"), question_type("Kim açıqlayıb?")
    ('how_many', 'who')
    >>> bold_answer("Adil Mammadov said 2,500 volunteers will work.", "how_many")
    'Adil Mammadov said **2,500** volunteers will work.'
    >>> sorted(answer_values("More than 20,000 people; about 30 thousand; 18 May.", "how_many"))
    ['20000', '30000']
"""

from __future__ import annotations

import re
from typing import Literal

from .dates import DATE_SPAN, MONTHS
from .lexicon import QUESTION_WORDS, STOPWORDS
from .words import stem, words

AnswerType = Literal["when", "how_many", "who", "where"]

_QUESTION = (
    ("how_many", r"\b(how many|how much|neçə|nə qədər|сколько|skolko)\b"),
    ("when", r"\b(when|dates?|what day|which day|on what day|what time|which month|"
             r"nə vaxt|ne vaxt|nə zaman|tarix\w*|hansı gün|hansi gun|neçəsində|necesinde|"
             r"когда|дат[аыуе]|сроки|какого числа|в какой день|в какие дни|какого месяца|"
             r"kogda)\b"),
    ("who", r"\b(who|whom|whose|kim|kimdir|kimlər|kimin|kimə|kimdən|кто|кого|кем|кому|чей|чья)\b"),
    ("where", r"\b(where|which city|what city|which venue|what venue|which country|in which place|"
              r"harada|harda|hansı şəhər|hansi seher|hansı ölkə|hansı məkan|haraya|hara|"
              r"где|куда|в каком городе|в какой стране|gde)\b"),
)  # fmt: skip
_QUESTION_RE = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _QUESTION)

# A number: digits (not part of a name like WUF13 or COP29), grouped with spaces or commas,
# or the words for thousands and millions.
_NUMBER = re.compile(
    r"(?<!\w)(?:\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?!\d)"
    r"(?![-‐]?(?:й|я|е|го|ой|ый|th|st|nd|rd|cü|ci|cu|cı)\b)"  # not an ordinal: 13th, 13-й
)
_SCALE = re.compile(
    r"\s*(thousand|million|min|milyon|mln|тысяч\w*|тыс\.?|млн|миллион\w*)\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")  # 08:00, 17:30
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|bazar ertəsi|çərşənbə|"
    r"cümə|şənbə|bazar günü|понедельник\w*|вторник\w*|сред[аеуы]|четверг\w*|пятниц\w*|"
    r"суббот\w*|воскресень\w*)\b",
    re.IGNORECASE,
)
_UPPER = "A-ZƏÖÜĞİŞÇ" + "А-ЯЁ"  # Latin (with Azerbaijani) and Cyrillic capitals
# A capitalised word without digits (WUF13 is not a place, nor a person).
_NAME_WORD = rf"[{_UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*(?![\w-])"
# Two or more capitalised words in a row: a person ("Adil Mammadov") or a body.
_NAME = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:of\s+the\s+|of\s+|de\s+)?{_NAME_WORD})+")
_NAMES = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"
# A place: names after "in/at/to/from" or "в/во/на/из", a name in the Azerbaijani locative
# case ("Bakıda", "Bakı Olimpiya Stadionunda"), or a named venue ("Baku Olympic Stadium").
_PLACE = re.compile(
    rf"\b(?:in|at|(?<!according )to|from|near) (?:the )?(?P<en>{_NAMES})"
    rf"|\b(?:в|во|на|из) (?P<ru>{_NAMES})"
    rf"|(?P<az>(?:{_NAME_WORD}\s+)*[{_UPPER}][^\W\d_]*(?:da|də|dan|dən|nda|ndə)(?!\w))"
    rf"|(?P<venue>(?:{_NAME_WORD}\s+)+(?:Stadium|Arena|Centre|Center|University|Hall|Stadionu))"
)
# A body written as an acronym, possibly with a name: "EY", "UNESCO", "UN-Habitat".
_ACRONYM = re.compile(r"(?<!\w)[" + "A-Z" + "А-Я" + r"]{2,}(?:-[^\W\d_]+)?(?![\w-])")


def question_type(question: str) -> AnswerType | None:
    """The kind of answer the question asks for, or None when no type applies."""
    for kind, pattern in _QUESTION_RE:
        if pattern.search(question):
            return kind  # type: ignore[return-value]
    return None


# The word a question counts: "how many <mayors>". An answer must use it: a number about
# participants does not say how many mayors come. ("Which <event>" is not checked: the answer
# names the event, "COP29", without the word "event".)
_FOCUS = re.compile(
    r"\b(?:how many|how much|neçə|nə qədər|сколько|skolko)\s+(?:of\s+the\s+|of\s+)?([^\W\d_]+)",
    re.IGNORECASE,
)


def question_focus(question: str) -> str | None:
    """The noun a question counts ("How many mayors ...?" -> ``mayors``), or None when that
    word is a function word or a plain unit of counting ("how many people")."""
    match = _FOCUS.search(question)
    if match is None:
        return None
    word = match.group(1).lower()
    return None if word in STOPWORDS or word in QUESTION_WORDS or word in _UNITS else word


_UNITS = frozenset("people person persons times nəfər adam dəfə человек людей раз".split())


def counts(text: str, noun: str | None) -> bool:
    """True when a number in ``text`` counts ``noun`` (or people, when no noun is given): the
    noun's stem within three words after the number ("20,000 participants", "30 thousand
    people" for people)."""
    wanted = {stem(noun)} if noun else set()
    units = {stem(u) for u in _UNITS}
    for _start, end in answer_spans(text, "how_many"):
        after = [stem(w) for w in words(text[end:])[:3]]
        if any(w in wanted or w in units for w in after):
            return True
    return False


def answer_spans(text: str, kind: AnswerType | None) -> list[tuple[int, int]]:
    """Character spans of ``text`` that hold an answer of ``kind``, in order."""
    if kind is None:
        return []
    if kind == "when":
        found = [m.span() for m in DATE_SPAN.finditer(text)]
        found += [m.span() for m in _WEEKDAY.finditer(text)]
        found += [m.span() for m in _CLOCK.finditer(text)]
        if not found:
            found = [m.span() for m in _YEAR.finditer(text)]
    elif kind == "how_many":
        found = [_with_scale(text, m) for m in _NUMBER.finditer(text)]
        found = [s for s in found if not _inside_date(text, s)]
    elif kind == "who":
        found = [m.span() for m in _NAME.finditer(text)]
        found += [m.span() for m in _ACRONYM.finditer(text)]
    else:
        found = [_place(m) for m in _PLACE.finditer(text)]
        found = [s for s in found if not _is_time(text[s[0] : s[1]])]
    return _merge(sorted(found))


# Where something is need not be a name ("at gate 3", "in the main hall", "girişdə").
_LOCATIVE = re.compile(
    r"\b(?:at|in|inside|near|next to|outside|behind|opposite|on) (?:the )?\S"
    r"|\w{3,}(?:da|də|nda|ndə)\b|\b(?:в|во|на|у|возле|около|рядом с) \S",
    re.IGNORECASE,
)


def has_answer(text: str, kind: AnswerType | None) -> bool:
    """True when ``text`` holds an answer of ``kind`` (always, for untyped questions). A
    place may be any phrase saying where, not only a name."""
    if kind == "where" and _LOCATIVE.search(text):
        return True
    return kind is None or bool(answer_spans(text, kind))


def bold_answer(text: str, kind: AnswerType | None) -> str:
    """``text`` with its answer spans in bold (Markdown ``**``)."""
    return bold_answers(text, [kind])


def bold_answers(text: str, kinds: list[AnswerType | None]) -> str:
    """``text`` with the answer spans of every kind in ``kinds`` in bold."""
    out, last = [], 0
    spans = _merge(sorted(s for kind in dict.fromkeys(kinds) for s in answer_spans(text, kind)))
    for start, end in spans:
        out += [text[last:start], f"**{text[start:end]}**"]
        last = end
    return "".join(out) + text[last:]


def answer_values(text: str, kind: AnswerType | None) -> set[str]:
    """The answers of ``kind`` in ``text``, normalised so that two sentences can be compared:
    numbers as integers (``20,000`` = ``20 000`` = ``20 thousand``), dates by their numbers
    and month, names by their letters."""
    values = set()
    for start, end in answer_spans(text, kind):
        span = text[start:end]
        if kind == "how_many":
            values.add(_number_value(span))
        elif kind == "when" and not re.search(r"\d", span):
            values.add(span.lower()[:5])  # a weekday
        elif kind == "when":
            numbers = re.findall(r"\d+", span)
            months = [n for n, stems in MONTHS.items() if any(s in span.lower() for s in stems)]
            values.add("-".join(numbers) + "/" + ",".join(map(str, months)))
        else:
            values.add(re.sub(r"\W", "", span.lower()))
    return values


def same_value(a: str, b: str, kind: AnswerType | None) -> bool:
    """Whether two of :func:`answer_values`' values can be the same answer: dates agree when
    the days, the years and the months of one are among those of the other ("17-22 May" and
    "from 17 to 22 May 2026" do, "May 2026" and "17-22 May" do; "17-22 May" and "18-22 May"
    do not)."""
    if a == b:
        return True
    if kind != "when" or "/" not in a or "/" not in b:
        return False
    return all(x <= y or y <= x for x, y in zip(_date_parts(a), _date_parts(b), strict=True))


def is_precise(value: str) -> bool:
    """Whether a normalised date names its day(s) ("17-22/5"), not only a month or year."""
    return bool(_date_parts(value)[0]) if "/" in value else False


def _date_parts(value: str) -> tuple[set[str], set[str], set[str]]:
    """Days, years and months of a normalised date (``17-22-2026/5``)."""
    numbers, _, months = value.partition("/")
    found = [n for n in numbers.split("-") if n]
    days = {n for n in found if len(n) <= 2}
    years = {n for n in found if len(n) == 4}
    return days, years, {m for m in months.split(",") if m}


def _place(match: re.Match[str]) -> tuple[int, int]:
    group = next(name for name, value in match.groupdict().items() if value)
    return match.span(group)


def _is_time(words: str) -> bool:
    first = words.split()[-1] if words.split() else ""
    return any(first.lower().startswith(s) for stems in MONTHS.values() for s in stems) or bool(
        _WEEKDAY.fullmatch(first)
    )


def _with_scale(text: str, match: re.Match[str]) -> tuple[int, int]:
    scale = _SCALE.match(text, match.end())
    return (match.start(), scale.end()) if scale else match.span()


def _inside_date(text: str, span: tuple[int, int]) -> bool:
    return any(m.start() <= span[0] and span[1] <= m.end() for m in DATE_SPAN.finditer(text))


def _number_value(span: str) -> str:
    digits = re.match(r"[\d ,.\u00a0]+", span)
    raw = digits.group(0) if digits else span
    grouped = re.fullmatch(r"\d{1,3}(?:[ ,.\u00a0]\d{3})+", raw.strip())
    number = float(re.sub(r"\D", "", raw)) if grouped else float(raw.strip().replace(",", "."))
    scale = span[len(raw) :].strip().lower()
    if scale.startswith(("thousand", "min", "тыс")):
        number *= 1000
    elif scale.startswith(("million", "milyon", "mln", "млн", "миллион")):
        number *= 1_000_000
    return str(int(number)) if number == int(number) else str(number)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
