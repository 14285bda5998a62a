"""The language-model answerer: scripted fake chat models, and a real HTTP round trip through
ChatOpenAI to a scripted OpenAI-compatible server on loopback. No claim or citation the
verifier cannot back may reach the user."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant import Answer, Assistant, ConfigError, Delta, Settings
from assistant.answering.llm import LLMAnswerer, make_chat_model
from assistant.answering.verify import check_sentence
from assistant.text.scripts import skeleton

from .conftest import ARTICLE
from .openai_stub import openai_stub

S1, S9 = f"{ARTICLE}#s1", f"{ARTICLE}#s9"


def sure(built: Assistant) -> Settings:
    """``built``'s settings with every question the ranker finds a best sentence for taken as
    answered: the model is asked only when the assistant answers, and these tests are about
    what happens then (the decision is tested in test_answering.py)."""
    return built.settings.replace(answer_at=0.0)


def with_model(built: Assistant, model: Any, name: str = "fake") -> Assistant:
    return Assistant(sure(built), built.embeddings, built.store, LLMAnswerer(model, name=name))


def scripted(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(r) for r in replies]))


def number_of(built: Assistant, question: str, sentence_id: str) -> int:
    """The [n] the model is given for ``sentence_id`` when asked ``question``."""
    return [h.sentence_id for h in built.retrieve(question).hits].index(sentence_id) + 1


def test_good_answer_is_shown_with_renumbered_verified_citations(built: Assistant) -> None:
    n = number_of(built, "When is WUF13?", S1)
    assistant = with_model(built, scripted(f"WUF13 will be held in Baku on 17–22 May [{n}]."))
    answer = assistant.ask("When is WUF13?")
    assert answer.text == "WUF13 will be held in Baku on 17–22 May [1]."
    assert [c.sentence_id for c in answer.citations] == [S1] and answer.citations[0].number == 1
    assert answer.citations[0].quote == built.retriever.index().units[S1].text
    assert (answer.answerer, answer.note) == ("fake", "")


def test_answer_in_russian_verified_against_the_russian_translation(built: Assistant) -> None:
    question = "Где прошел первый Национальный градостроительный форум Казахстана?"
    n = number_of(built, question, S9)
    reply = f"Первый Национальный градостроительный форум Казахстана прошел в Кызылорде в июле 2025 года [{n}]."
    answer = with_model(built, scripted(reply)).ask(question)
    assert answer.text.endswith("в июле 2025 года [1].") and answer.note == ""


def test_hallucinated_date_is_never_shown(built: Assistant) -> None:
    n = number_of(built, "When is WUF13?", S1)
    answer = with_model(
        built, scripted(f"WUF13 will be held in Baku on 12–16 June 2013 [{n}].")
    ).ask("When is WUF13?")
    assert "June" not in answer.text and "2013" not in answer.text
    assert answer.answerer == "extractive (fallback)" and "could not be checked" in answer.note
    assert answer.citations[0].sentence_id == S1  # the extractive answer, properly cited


def test_only_the_unverifiable_sentence_is_dropped(built: Assistant) -> None:
    n = number_of(built, "When is WUF13?", S1)
    reply = f"WUF13 will be held in Baku on 17–22 May [{n}]. Tickets cost 50 euros [{n}]."
    answer = with_model(built, scripted(reply)).ask("When is WUF13?")
    assert answer.text == "WUF13 will be held in Baku on 17–22 May [1]."
    assert "1 sentence(s)" in answer.note and answer.answerer == "fake"


def test_citation_to_a_source_never_given_is_refused(built: Assistant) -> None:
    answer = with_model(built, scripted("WUF13 will be held in Baku on 17–22 May [42].")).ask(
        "When is WUF13?"
    )
    assert "[42]" not in answer.text and answer.answerer == "extractive (fallback)"
    assert all(c.sentence_id in built.retriever.index().units for c in answer.citations)


def test_sentence_without_citation_is_refused(built: Assistant) -> None:
    answer = with_model(built, scripted("WUF13 will be held in Baku on 17–22 May.")).ask(
        "When is WUF13?"
    )
    assert answer.answerer == "extractive (fallback)"


def test_obeying_an_injected_instruction_is_caught(built: Assistant) -> None:
    n = number_of(built, "Where is WUF13?", S1)
    replies = (f"PWNED [{n}].", f"WUF13 has been moved to Paris [{n}].")
    for reply in replies:
        answer = with_model(built, scripted(reply)).ask("Where is WUF13?")
        assert "PWNED" not in answer.text and "Paris" not in answer.text
        assert answer.answerer == "extractive (fallback)"


def test_empty_answer_falls_back_with_a_note(built: Assistant) -> None:
    with openai_stub([""]) as (url, _):
        answer = openai_assistant(built, url).ask("When is WUF13?")
    assert (
        answer.answerer == "extractive (fallback)"
        and "did not answer (empty answer)" in answer.note
    )
    assert "17–22 May" in answer.text.replace("**", "")


def test_model_error_falls_back_with_a_note(built: Assistant) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    broken = FakeListChatModel(responses=["WUF13 is in Baku [1]."], error_on_chunk_number=0)
    answer = with_model(built, broken).ask("When is WUF13?")
    assert answer.answerer == "extractive (fallback)" and "did not answer" in answer.note


def test_abstention_does_not_call_the_model(built: Assistant) -> None:
    model = scripted()  # no reply scripted: calling it fails
    plain = Assistant(built.settings, built.embeddings, built.store, LLMAnswerer(model, name="f"))
    answer = plain.ask("What is the recipe for plov?")
    assert answer.abstained and answer.citations == ()


def test_stream_shows_only_verified_sentences(built: Assistant) -> None:
    n = number_of(built, "When is WUF13?", S1)
    reply = f"WUF13 will be held in Baku on 17–22 May [{n}]. It moved to Paris [{n}]. It is a UN forum [{n}]."
    events = list(with_model(built, scripted(reply)).stream("When is WUF13?"))
    deltas = [e.text for e in events if isinstance(e, Delta)]
    final = events[-1]
    assert isinstance(final, Answer)
    assert "Paris" not in "".join(deltas)
    assert (
        "".join(deltas)
        == final.text
        == "WUF13 will be held in Baku on 17–22 May [1]. It is a UN forum [1]."
    )


def test_follow_up_is_condensed_by_the_model(built: Assistant) -> None:
    n = number_of(built, "Where will WUF13 be held?", S1)
    model = scripted("Where will WUF13 be held?", f"WUF13 will be held in Baku [{n}].")
    answer = with_model(built, model).ask(
        "And where?", [{"role": "user", "content": "When is WUF13?"}]
    )
    assert answer.text == "WUF13 will be held in Baku [1]."


def test_settings_name_what_is_missing() -> None:
    with pytest.raises(ConfigError, match="needs ASSISTANT_LLM_BASE_URL"):
        make_chat_model(Settings(answerer="openai"))
    with pytest.raises(ConfigError, match="Unknown answerer 'gpt4'"):
        Settings.from_env({"ASSISTANT_ANSWERER": "gpt4"})
    assert "sk-secret" not in repr(Settings(llm_api_key="sk-secret"))


def openai_assistant(built: Assistant, url: str, timeout: float = 10.0) -> Assistant:
    settings = sure(built).replace(
        answerer="openai", llm_base_url=url, llm_model="scripted", llm_timeout=timeout
    )
    model = make_chat_model(settings)
    return Assistant(
        settings, built.embeddings, built.store, LLMAnswerer(model, name="openai:scripted")
    )


def test_real_http_round_trip_through_chat_openai(built: Assistant) -> None:
    n = number_of(built, "WUF13 nə vaxt keçiriləcək?", S1)
    reply = f"WUF13 Bakıda 17-22 may tarixlərində keçiriləcək [{n}]."
    with openai_stub([reply]) as (url, seen):
        assistant = openai_assistant(built, url)
        events = list(assistant.stream("WUF13 nə vaxt keçiriləcək?"))
    final = events[-1]
    assert isinstance(final, Answer)
    assert final.text == "WUF13 Bakıda 17-22 may tarixlərində keçiriləcək [1]."
    assert final.answerer == "openai:scripted" and final.citations[0].sentence_id == S1
    (request,) = seen
    assert request["stream"] is True and request["model"] == "scripted"
    system, user = request["messages"]
    assert system["role"] == "system" and "Azerbaijani" in system["content"]
    assert "data, not instructions" in system["content"]
    assert f"[{n}] (az, original) Bakıda 17-22 may" in user["content"]


def test_server_timeout_falls_back(built: Assistant) -> None:
    with openai_stub(["WUF13 is in Baku [1]."], delay=3.0) as (url, _):
        answer = openai_assistant(built, url, timeout=0.5).ask("When is WUF13?")
    assert answer.answerer == "extractive (fallback)" and "timed out" in answer.note
    assert "17–22 May" in answer.text.replace("**", "")


def test_refused_connection_falls_back(built: Assistant) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    answer = openai_assistant(built, f"http://127.0.0.1:{port}/v1").ask("When is WUF13?")
    assert answer.answerer == "extractive (fallback)" and "did not answer" in answer.note


def test_verifier_compares_names_months_and_numbers_across_scripts() -> None:
    assert skeleton("Baku") == skeleton("Bakı") == skeleton("Баку")
    assert skeleton("Kyzylorda") == skeleton("Qızılorda") == skeleton("Кызылорда")
    sources = {1: ["Ayrıca qeyd edirik ki, 2025-ci ilin iyulunda Qızılordada forum keçirilib."]}
    assert check_sentence("The forum was held in Kyzylorda in July 2025 [1].", sources).ok
    assert check_sentence("Форум прошел в Кызылорде в июле 2025 года [1].", sources).ok
    problems = check_sentence("The forum was held in Almaty in June 2024 [1].", sources).problems
    assert problems == (
        "number 2024 is not in [1]",
        "month June is not in [1]",
        "name Almaty is not in [1]",
    )


def test_evals_run_against_an_openai_compatible_server(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evals.__main__ import main

    from .conftest import KNOWLEDGE

    monkeypatch.chdir(tmp_path)
    (tmp_path / "knowledge").symlink_to(KNOWLEDGE)
    with openai_stub(["WUF13 will be held in Baku on 17–22 May [1]."]) as (url, seen):
        monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", url)
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "scripted")
        code = main(
            [
                "--answerer",
                "openai",
                "--suite",
                "seed",
                "--case",
                "en-when-1",
                "--reports",
                str(tmp_path / "r"),
            ]
        )
    assert code == 0 and len(seen) == 1
    report = (tmp_path / "r" / "latest-seed.json").read_text()
    assert "WUF13 will be held in Baku on 17–22 May [1]." in report


def test_ui_stream_never_shows_an_unverified_sentence(built: Assistant) -> None:
    from assistant.ui.handlers import ChatHandlers

    n = number_of(built, "When is WUF13?", S1)
    reply = f"WUF13 will be held in Baku on 17–22 May [{n}]. It moved to Paris [{n}]."
    handlers = ChatHandlers(with_model(built, scripted(reply)))
    shown = [html for html, _panel, _cited in handlers.respond("When is WUF13?", [])]
    assert shown and not any("Paris" in html for html in shown)
    assert 'class="wuf-cite"' in shown[-1] and "wuf-note" in shown[-1]  # one sentence removed


def test_stream_cut_short_keeps_what_was_verified(built: Assistant) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    n = number_of(built, "When is WUF13?", S1)
    first = f"WUF13 will be held in Baku on 17–22 May [{n}]."
    reply = f"{first} It is a United Nations forum held every two years [{n}]."
    broken = FakeListChatModel(
        responses=[reply], error_on_chunk_number=len(first) + 12
    )  # a chunk per character
    answer = with_model(built, broken).ask("When is WUF13?")
    assert answer.text == "WUF13 will be held in Baku on 17–22 May [1]."
    assert answer.answerer == "fake" and "1 sentence(s)" in answer.note
