"""Reading a question: its language, Russian typed in Latin letters, small talk."""

import pytest

from assistant.text.language import detect_language, is_latin_russian, is_smalltalk
from assistant.text.scripts import to_cyrillic


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("When is WUF13?", "en"),
        ("WUF13 nə vaxt keçiriləcək?", "az"),
        ("wuf13 ne vaxt kecirilecek", "az"),  # Azerbaijani typed without its letters
        ("Когда пройдет WUF13?", "ru"),
        ("gde proidet WUF13", "ru"),  # Russian typed in Latin letters
        ("Qızılorda forum – when was it held?", "en"),  # an Azerbaijani name in English
        ("В каком городе будет World Urban Forum 13?", "ru"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_latin_russian_is_searched_in_cyrillic() -> None:
    assert is_latin_russian("gde proshel forum") and not is_latin_russian("Where is it?")
    assert (
        to_cyrillic("gde proshel pervyi forum Kazakhstana WUF13")
        == "где прошел первый форум Kazakhstana WUF13"
    )


def test_small_talk_is_only_whole_greetings() -> None:
    assert is_smalltalk("Hello!") and is_smalltalk("спасибо") and is_smalltalk("Salam")
    assert not is_smalltalk("Hello, when is WUF13?")
