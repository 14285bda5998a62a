"""Dates in English, Azerbaijani and Russian text: one table of month names, the date spans
built from it, and the months those spans name.

    >>> highlight_dates("Baku on 17–22 May, and in July 2025")
    'Baku on **17–22 May**, and in **July 2025**'
    >>> sorted(months_in("17-22 may tarixlərində; в июле 2025 года; it may rain"))
    [5, 7]
"""

from __future__ import annotations

import re

# The stem of each month's name in English, Azerbaijani and Russian (Russian declines it:
# "мая", "июле").
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "yanvar", "январ"), 2: ("february", "fevral", "феврал"),
    3: ("march", "mart", "март"), 4: ("april", "aprel", "апрел"), 5: ("may", "мая", "май"),
    6: ("june", "iyun", "июн"), 7: ("july", "iyul", "июл"), 8: ("august", "avqust", "август"),
    9: ("september", "sentyabr", "сентябр"), 10: ("october", "oktyabr", "октябр"),
    11: ("november", "noyabr", "ноябр"), 12: ("december", "dekabr", "декабр"),
}  # fmt: skip
_MONTH = "(?:" + "|".join(re.escape(s) for stems in MONTHS.values() for s in stems) + r")[^\W\d_]*"
_DASH = r"(?:\s*[-–—]\s*|\s+(?:to|till|until|по|до)\s+)"  # 17-22, 17 to 22, с 17 по 22
# A month name counts only next to a number, so the English modal verb "may" is never a month.
DATE_SPAN = re.compile(
    rf"\b\d{{1,2}}(?:{_DASH}\d{{1,2}})?\s+{_MONTH}(?:,?\s+\d{{4}})?"  # 17-22 may / 17 to 22 May
    rf"|\b{_MONTH}\s+\d{{1,2}}(?!\d)(?:{_DASH}\d{{1,2}})?(?:,?\s+\d{{4}})?"  # May 17–22, 2026
    rf"|\b{_MONTH}\s+\d{{4}}(?:\s+года)?"  # July 2025 / июле 2025 года
    rf"|\b\d{{4}}-c[iı] ilin {_MONTH}",  # 2025-ci ilin iyulunda
    re.IGNORECASE,
)
_MONTH_AT = {
    number: re.compile("|".join(rf"(?<![^\W\d_]){re.escape(s)}" for s in stems))
    for number, stems in MONTHS.items()
}


def highlight_dates(text: str) -> str:
    """Wrap every date span in bold (Markdown ``**``)."""
    return DATE_SPAN.sub(lambda m: f"**{m.group(0)}**", text)


def months_in(text: str) -> set[int]:
    """Months named in the date spans of ``text``."""
    found: set[int] = set()
    for span in DATE_SPAN.finditer(text):
        lowered = span.group(0).lower()
        found.update(n for n, pattern in _MONTH_AT.items() if pattern.search(lowered))
    return found


def is_month_name(word: str) -> bool:
    """True when a word starts like a month's name in any of the three languages."""
    lowered = word.lower()
    return any(lowered.startswith(s) for stems in MONTHS.values() for s in stems)
