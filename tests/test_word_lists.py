"""Word lists and patterns: no word may mix Latin and Cyrillic letters (such a word can never
match: "haradа" ended in a Cyrillic "а", "шəhər" started with a Cyrillic "ш")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from assistant.text import lexicon

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
_LATIN = re.compile(r"[A-Za-z\u00c0-\u02af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")


_ESCAPE = re.compile(r"\\[A-Za-z]")  # \b, \w ... in patterns are not letters of a word


def mixed_words(text: str) -> list[str]:
    words = _WORD.findall(_ESCAPE.sub(" ", text))
    return [w for w in words if _LATIN.search(w) and _CYRILLIC.search(w)]


def test_the_check_catches_a_mixed_word() -> None:
    assert mixed_words("harada haradа шəhər şəhər") == ["haradа", "шəhər"]


def test_no_string_in_the_package_mixes_scripts_inside_a_word() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [(path.name, w) for w in mixed_words(node.value)]
    assert found == []


def test_every_word_list_is_lower_case_words_of_one_script() -> None:
    lists = {
        name: value
        for name, value in vars(lexicon).items()
        if isinstance(value, frozenset) and name.isupper()
    }
    assert "STOPWORDS" in lists and "ANAPHORA" in lists
    for name, words in lists.items():
        for word in words:
            assert word == word.lower() and not mixed_words(word), (name, word)
