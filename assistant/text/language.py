"""Cheap, deterministic reading of a question: its language, what it asks for, small talk.

>>> detect_language("Когда пройдет WUF13?"), detect_language("WUF13 nə vaxt keçiriləcək?")
('ru', 'az')
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from .lexicon import ANSWER_TYPES, AZ_FUNCTION, EN_FUNCTION, RU_LATIN_FUNCTION
from .words import words

Language = Literal["en", "az", "ru"]
LANGUAGES: tuple[Language, ...] = ("en", "az", "ru")

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-zƏəĞğİıÖöŞşÇçÜü]")
_AZ_LETTERS = re.compile(r"[ƏəĞğıİŞş]")
# Endings that only Azerbaijani words have, also when typed without its letters
# ("olacaqmi", "kecirilecek", "erazisinde").
_AZ_ENDING = re.compile(
    r"^[a-z]{3,}(acaq|ecek|acaqmi|ecekmi|acaqmı|əcəkmi|sinde|sında|inde|ında|nden|ndan|ilib|ılıb)$"
)
_LATIN_ANY = re.compile(r"[A-Za-z\u00c0-\u02af]")
# Cyrillic letters, against Latin ones, that make a question Russian: a Russian question
# naming "World Urban Forum 13" in Latin letters stays Russian (evals case ru-where-mixed).
_CYRILLIC_SHARE = 0.5
_DOCUMENT_SAMPLE = 20_000  # characters read to tell a document's script: plenty for a vote
# The words each language votes with: its function words and the words that name what is
# asked for ("tarix", "место"), never words about a particular subject.
_AZ_WORDS = AZ_FUNCTION | ANSWER_TYPES["az"]
_EN_WORDS = EN_FUNCTION | ANSWER_TYPES["en"]

# Whole messages that are greetings, thanks or questions about the assistant itself.
_SMALLTALK = {
    "en": re.compile(
        r"^(hi|hello|hey|good (morning|afternoon|evening)|thanks?( you)?( very much| a lot)?|"
        r"thank you|ok(ay)?|bye|goodbye|who are you|what can you do|how are you|"
        r"(that's|that is|this is|you were|very) (very )?(helpful|great|useful)|great|cool)\W*$",
        re.I,
    ),
    "az": re.compile(
        r"^(salam|salamlar|sağ ?ol(un)?|sag ?ol(un)?|təşəkkür( edirəm)?|tesekkur( edirem)?|"
        r"çox sağ ol|necəsən|necesen|sən kimsən|sen kimsen|hələlik|helelik|sabahınız xeyir|"
        r"kömək etdin|komek etdin|çox sağ olun|əla|ela)\W*$",
        re.I,
    ),
    "ru": re.compile(
        r"^(привет|здравствуй(те)?|добрый (день|вечер)|доброе утро|спасибо( большое)?|"
        r"пока|кто ты|ты кто|что ты умеешь|как дела|privet|spasibo|zdravstvuyte|"
        r"вы очень помогли|ты очень помог(ла)?|отлично)\W*$",
        re.I,
    ),
}


def detect_language(text: str) -> Language:
    """``ru`` for Cyrillic or Latin-script Russian, ``az`` for Azerbaijani, else ``en``."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic and cyrillic >= latin * _CYRILLIC_SHARE:
        return "ru"
    # Latin script: each word votes (function words, Azerbaijani letters); a name such as
    # "Qızılorda" in an English sentence does not make the question Azerbaijani.
    tokens = words(text)
    az = sum(t in _AZ_WORDS or bool(_AZ_LETTERS.search(t) or _AZ_ENDING.search(t)) for t in tokens)
    ru = sum(t in RU_LATIN_FUNCTION for t in tokens)
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
    sample = text[:_DOCUMENT_SAMPLE]
    letters = sum(n for ch, n in Counter(sample).items() if ch.isalpha())  # each one once
    known = len(_LATIN_ANY.findall(sample)) + len(_CYRILLIC.findall(sample))
    if letters and known < letters / 2:
        return "und"
    return detect_language(sample)


def is_latin_russian(text: str) -> bool:
    """True for Russian typed in Latin letters ("gde proidet WUF13")."""
    return not _CYRILLIC.search(text) and detect_language(text) == "ru"


def is_smalltalk(text: str) -> bool:
    """True for a whole message that is only greetings, thanks or 'who are you', in one or
    several phrases ("Привет! Ты кто?", "Çox sağ ol, kömək etdin!")."""
    phrases = [" ".join(p.split()) for p in re.split(r"[,.!?;]+", text) if p.strip()]
    return bool(phrases) and all(
        any(pattern.match(p) for pattern in _SMALLTALK.values()) for p in phrases
    )
