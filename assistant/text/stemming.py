"""Light suffix stripping for English, Azerbaijani and Russian, before the five-letter cut of
:func:`assistant.text.words.stem`: enough that "signed"/"signing", "целей"/"цели",
"Bakıda"/"Bakı" share a key, without a dictionary.

    >>> [strip_suffix(w) for w in ("signed", "volunteers", "целей", "участников", "bakida")]
    ['sign', 'volunteer', 'цел', 'участник', 'baki']
"""

from __future__ import annotations

# Endings, longest first within each list; a stem keeps at least _MIN letters.
_RUSSIAN = sorted(
    """ами ями ого его ому ему ыми ими ых их ая яя ое ее ые ие ой ей ий ый ом ем ам ям ах ях
    ов ев ию ью ия ья ье ться тся лся лась лось лись ют ут ет ит ат ят ешь ишь ла ло ли ть
    а я о е ы и у ю ь й""".split(),
    key=len,
    reverse=True,
)
# Azerbaijani endings as typed without its letters (the word is folded first).
_AZERBAIJANI = sorted(
    """larin lerin lari leri lar ler ndan nden dan den nda nde nin nun da de in un ya ye na
    ne si su acaq ecek mis mus ib ub""".split(),
    key=len,
    reverse=True,
)
_ENGLISH = ("ings", "ing", "ed", "es", "s")
_MIN = 3
_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def strip_suffix(word: str) -> str:
    """``word`` (lower case, Azerbaijani letters folded) without its most likely ending."""
    if word[-1:] in _CYRILLIC:
        return _strip(word, _RUSSIAN)
    return _strip(_strip(word, _ENGLISH), _AZERBAIJANI)


def _strip(word: str, endings: list[str] | tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN:
            return word[: -len(ending)]
    return word
