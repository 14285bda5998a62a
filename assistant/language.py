"""Cheap, deterministic reading of a question: its language, what it asks for, small talk.

>>> detect_language("Когда пройдет WUF13?"), detect_language("WUF13 nə vaxt keçiriləcək?")
('ru', 'az')
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "az", "ru"]
LANGUAGES: tuple[Language, ...] = ("en", "az", "ru")

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-zƏəĞğİıÖöŞşÇçÜü]")
_AZ_LETTERS = re.compile(r"[ƏəĞğıİŞş]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_AZ_WORDS = frozenset(
    "nə harada haradа hara haqqında niyə necə hansı kim kimlər neçə nece harda vaxt "
    "olacaq olub keçirilir keçiriləcək kecirilecek kecirilir harada harda foruma forumu "
    "forum salam sağ sag ol təşəkkür tesekkur çox cox sağol mi mı mu mü bəs bes ilə və "
    "üçün ucun tarixi tarix tarixləri şəhər seher qazaxıstan qazaxistan bakıda bakida "
    "harada hardadır hardadir keçirildi kecirildi".split()
)
_RU_LATIN_WORDS = frozenset(
    "gde kogda kak chto kto pochemu zachem budet proidet projdet prohodit prokhodit "
    "provoditsya privet spasibo forum forume gorod sessiya kakoy kakie kakih skolko "
    "mesto data daty mesyace mesyatse iyule proshel proshol naydet".split()
)
_EN_WORDS = frozenset(
    "the what when where who why how is are was were will does do did which of in on "
    "at and hello hi thanks thank you it its a an to for be by with from there this that "
    "held take place about tell me my can could would should".split()
)

# Whole messages that are greetings, thanks or questions about the assistant itself.
_SMALLTALK = {
    "en": re.compile(
        r"^(hi|hello|hey|good (morning|afternoon|evening)|thanks?( you)?( very much| a lot)?|"
        r"thank you|ok(ay)?|bye|goodbye|who are you|what can you do|how are you)\W*$",
        re.I,
    ),
    "az": re.compile(
        r"^(salam|salamlar|sağ ?ol(un)?|sag ?ol(un)?|təşəkkür( edirəm)?|tesekkur( edirem)?|"
        r"çox sağ ol|necəsən|necesen|sən kimsən|sen kimsen|hələlik|helelik|sabahınız xeyir)\W*$",
        re.I,
    ),
    "ru": re.compile(
        r"^(привет|здравствуй(те)?|добрый (день|вечер)|доброе утро|спасибо( большое)?|"
        r"пока|кто ты|что ты умеешь|как дела|privet|spasibo|zdravstvuyte)\W*$",
        re.I,
    ),
}

_WHEN = re.compile(
    r"\b(when|what (date|day|month|time)|which (date|dates|days|month)|dates?\b|"
    r"nə vaxt|ne vaxt|nə zaman|hansı tarix|hansi tarix|tarix|"
    r"когда|какого числа|каки[ех] (даты|числа)|в какие дни|сроки|даты|kogda)",
    re.I,
)
_FOLLOW_UP = re.compile(
    r"^(and|also|what about|how about|bəs|bes|həmçinin|а|и|ещё|еще|а как|a)\b|"
    r"\b(it|its|there|they|them|that|this|he|she|onun|orada|ora|o|он[аио]?|его|её|ее|там|"
    r"этот|это|этом|тот|eyo|tam)\b",
    re.I,
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits, any script)."""
    return [w.lower() for w in _WORD.findall(text)]


def detect_language(text: str) -> Language:
    """``ru`` for Cyrillic or Latin-script Russian, ``az`` for Azerbaijani, else ``en``."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic and cyrillic >= latin * 0.5:
        return "ru"
    # Latin script: each word votes (function words, Azerbaijani letters); a name such as
    # "Qızılorda" in an English sentence does not make the question Azerbaijani.
    tokens = words(text)
    az = sum(t in _AZ_WORDS or bool(_AZ_LETTERS.search(t)) for t in tokens)
    ru = sum(t in _RU_LATIN_WORDS for t in tokens)
    en = sum(t in _EN_WORDS for t in tokens)
    if az > max(en, ru) or (az and az == en and ru < az):
        return "az"
    if ru > max(en, az):
        return "ru"
    return "en"


def document_language(text: str) -> str:
    """The language of a document: :func:`detect_language` for Latin or Cyrillic text, ``und``
    (undetermined) when most of its letters are in another script (Arabic, Chinese...).

    >>> document_language("Forum Bakıda keçiriləcək."), document_language("المنتدى الحضري العالمي")
    ('az', 'und')
    """
    sample = text[:20_000]
    letters = sum(ch.isalpha() for ch in sample)
    known = len(_LATIN_ANY.findall(sample)) + len(_CYRILLIC.findall(sample))
    if letters and known < letters / 2:
        return "und"
    return detect_language(sample)


_LATIN_ANY = re.compile(r"[A-Za-z\u00c0-\u02af]")
_TRANSLIT = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("iy", "ий"), ("yi", "ый"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
    ("i", "и"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"),
    ("c", "ц"), ("y", "ы"), ("w", "в"), ("x", "кс"), ("q", "к"),
)  # fmt: skip
_LATIN_WORD = re.compile(r"\b[a-z]+\b")


def to_cyrillic(text: str) -> str:
    """Russian typed in Latin letters, back in Cyrillic (approximately): ``gde`` -> ``где``.

    Words with capitals or digits (names, WUF13) are kept as typed.
    """

    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        out = []
        i = 0
        while i < len(word):
            for latin, cyrillic in _TRANSLIT:
                if word.startswith(latin, i):
                    out.append(cyrillic)
                    i += len(latin)
                    break
            else:
                out.append(word[i])
                i += 1
        return "".join(out)

    return _LATIN_WORD.sub(convert, text)


def is_latin_russian(text: str) -> bool:
    """True for Russian typed in Latin letters ("gde proidet WUF13")."""
    return not _CYRILLIC.search(text) and detect_language(text) == "ru"


def is_smalltalk(text: str) -> bool:
    """True for a whole message that is only a greeting, thanks or 'who are you'."""
    cleaned = " ".join(text.strip().split())
    return any(pattern.match(cleaned) for pattern in _SMALLTALK.values())


def asks_when(text: str) -> bool:
    """True when the question asks for a date or time."""
    return bool(_WHEN.search(text))


def looks_like_follow_up(text: str) -> bool:
    """True for a question that leans on the previous turn ("And when?", "Where is it?")."""
    tokens = words(text)
    return len(tokens) <= 4 or bool(_FOLLOW_UP.search(text.strip()))
