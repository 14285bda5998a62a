"""LangChain seams: the assistant's search as a ``BaseRetriever`` and the whole assistant as a
``Runnable``, to compose into LangChain apps and to see its steps in a LangChain trace.

* :class:`SentenceRetriever`: ``invoke(question)`` returns the ``k`` best source sentences of
  :meth:`Assistant.retrieve <assistant.assistant.Assistant.retrieve>` as ``Document``s, best
  first. ``page_content`` is the sentence in the question's language (the project's translation
  where one exists); ``metadata`` holds the fields of the citation it would become:
  ``sentence_id``, ``quote`` (the original, verbatim), ``language`` (the quote's),
  ``shown_language``, ``doc_title``, ``doc_path``, ``published``, ``source``, ``kind``, ``url``,
  ``score`` (cosine similarity) and ``rank_score`` (the fused score the ranking used).
* :class:`AssistantRunnable`: a question, or ``{"question": ..., "history": [...]}``, in; the
  :class:`~assistant.values.Answer` out. ``stream`` yields the ``Delta`` pieces, then the
  ``Answer``. Each call shows three child runs: ``retrieve`` (the sentences found; skipped for
  small talk), ``answer`` (:meth:`Assistant.stream`, where a chat model's own runs nest) and
  ``verify`` (every ``[n]`` has its citation, every citation quotes its stored sentence).

``retrieve`` repeats the search that ``answer`` makes, through the public
:meth:`Assistant.retrieve`, so the trace shows what ``ask`` searched (except when a chat model
first rewrites a follow-up question); a warm call costs about twice an ``ask`` (README).
Only this module imports LangChain's retrievers and runnables; :meth:`Assistant.as_retriever`
and :meth:`Assistant.as_runnable` import it lazily, so ``python -m assistant ask`` never
loads it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import asdict
from typing import Any, NotRequired, TypeVar

from langchain_core.callbacks import (
    AsyncCallbackManagerForChainRun,
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForChainRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig, RunnableGenerator, RunnableLambda
from langchain_core.runnables.config import run_in_executor
from pydantic import ValidationError, model_validator
from typing_extensions import TypedDict  # pydantic needs it before Python 3.12

from .answering.extractive import citation_for
from .answering.verify import citation_problems
from .assistant import Assistant
from .errors import ConfigError, QuestionError
from .text.language import detect_language, is_smalltalk
from .text.questions import clean_question
from .values import Answer, Delta, Hit

_log = logging.getLogger("assistant")
T = TypeVar("T")


class Ask(TypedDict):
    """The runnable's input as a dict: a question and, optionally, the conversation before it
    (``[{"role": "user" | "assistant", "content": ...}, ...]``, as :meth:`Assistant.ask`)."""

    question: str
    history: NotRequired[Any]


def to_document(hit: Hit, language: str) -> Document:
    """``hit`` as a LangChain ``Document``: its text in ``language`` (the original where it has
    no translation into it), with the fields of its citation as metadata."""
    metadata = asdict(citation_for(0, hit, language))
    del metadata["number"]  # a citation's [n]; a document list is numbered by its order
    shown = metadata.pop("shown")
    metadata["rank_score"] = hit.rank_score
    return Document(page_content=shown, metadata=metadata, id=hit.sentence_id)


class SentenceRetriever(BaseRetriever):
    """The ``k`` best source sentences for a question, as ``Document``s (see the module).

    ``k`` is at most the assistant's ``top_k`` (``ASSISTANT_TOP_K``, the sentences it retrieves
    per question); ``invoke(question, k=2)`` asks for fewer, ``history=[...]`` searches a
    follow-up together with the question it leans on, as :meth:`Assistant.retrieve` does.
    """

    assistant: Assistant
    k: int = 4

    @model_validator(mode="before")
    @classmethod
    def _k_in_range(cls, data: Any) -> Any:
        # Before pydantic reads it: 2.5, None, "3" and True are refused as ``invoke(k=...)``
        # refuses them, not coerced or turned into its ValidationError.
        if isinstance(data, Mapping) and isinstance(data.get("assistant"), Assistant):
            check_k(data.get("k", cls.model_fields["k"].default), data["assistant"])
        return data

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        history: Any = None,
    ) -> list[Document]:
        k = self.k if k is None else check_k(k, self.assistant)
        language = detect_language(
            clean_question(query, self.assistant.settings.max_question_chars)
        )
        hits = self.assistant.retrieve(query, history).hits[:k]
        return [to_document(hit, language) for hit in hits]

    async def _aget_relevant_documents(
        self,
        query: str,
        *,
        run_manager: AsyncCallbackManagerForRetrieverRun,
        k: int | None = None,
        history: Any = None,
    ) -> list[Document]:
        # LangChain's default drops ``k`` and ``history``; the search itself is synchronous.
        return await run_in_executor(
            None,
            self._get_relevant_documents,
            query,
            run_manager=run_manager.get_sync(),
            k=k,
            history=history,
        )


def retriever_for(assistant: Assistant, k: int, options: Mapping[str, Any]) -> SentenceRetriever:
    """``assistant``'s :class:`SentenceRetriever`; :class:`ConfigError` for an option it cannot
    use (``options`` are its other fields, e.g. ``tags``)."""
    try:
        return SentenceRetriever(assistant=assistant, k=k, **options)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(part) for part in problem["loc"])
        raise ConfigError(
            f"as_retriever cannot use {field}={problem.get('input')!r}: {problem['msg']}."
        ) from None


def check_k(k: int, assistant: Assistant) -> int:
    """``k`` if the assistant can return that many sentences, else :class:`ConfigError`."""
    top_k = assistant.settings.top_k
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= top_k:
        raise ConfigError(
            f"k={k!r} is not a number of sentences this assistant can return: use 1..{top_k}, "
            f"or raise ASSISTANT_TOP_K (now {top_k}) to retrieve more per question."
        )
    return k


def as_ask(value: Any) -> Ask:
    """The runnable's input as an :class:`Ask`; :class:`QuestionError` for anything else."""
    if isinstance(value, str):
        return {"question": value}
    if isinstance(value, Mapping) and isinstance(value.get("question"), str):
        return {"question": value["question"], "history": value.get("history")}
    if isinstance(value, Mapping) and "question" in value:
        raise QuestionError(
            f"The question must be a string, got {type(value['question']).__name__}."
        )
    raise QuestionError(
        "The assistant takes a question string or {'question': str, 'history': [...]}, "
        f"got {type(value).__name__}."
    )


class AssistantRunnable(Runnable[str | Ask, Answer]):
    """The assistant as a LangChain ``Runnable`` (see the module): ``invoke``, ``batch``,
    ``stream``, their async forms and ``astream_events`` all work, and ``|`` composes it."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.name = "assistant"
        top_k = assistant.settings.top_k
        self.retrieve = SentenceRetriever(assistant=assistant, k=top_k).with_config(
            run_name="retrieve"
        )
        self.answer = RunnableGenerator(self._answer, self._aanswer, name="answer")
        self.verify = RunnableLambda(self._verify, name="verify")

    def invoke(self, input: str | Ask, config: RunnableConfig | None = None, **_: Any) -> Answer:
        """The :class:`Answer` to ``input`` (the last event of :meth:`stream`)."""
        return _last(list(self.stream(input, config)))

    async def ainvoke(
        self, input: str | Ask, config: RunnableConfig | None = None, **_: Any
    ) -> Answer:
        """The :class:`Answer` to ``input`` (the last event of :meth:`astream`)."""
        return _last([event async for event in self.astream(input, config)])

    # LangChain types stream() as chunks of the output; this one yields Deltas, then the Answer.
    def stream(  # type: ignore[override]
        self, input: str | Ask, config: RunnableConfig | None = None, **_: Any
    ) -> Iterator[Delta | Answer]:
        """The answer text in :class:`Delta` pieces (verified ones only), then the Answer."""
        yield from self._transform_stream_with_config(iter([input]), self._steps, config)

    async def astream(  # type: ignore[override]
        self, input: str | Ask, config: RunnableConfig | None = None, **_: Any
    ) -> AsyncIterator[Delta | Answer]:
        """As :meth:`stream`; the assistant's own work runs in a worker thread."""

        async def one() -> AsyncIterator[str | Ask]:
            yield input

        async for event in self._atransform_stream_with_config(one(), self._asteps, config):
            yield event

    def _steps(
        self,
        inputs: Iterator[str | Ask],
        run_manager: CallbackManagerForChainRun,  # unused: config carries its child callbacks
        config: RunnableConfig,
    ) -> Iterator[Any]:
        ask = as_ask(next(inputs))
        if self._searches(ask):
            self.retrieve.invoke(ask["question"], config, history=ask.get("history"))
        answer = None
        for event in self.answer.stream(ask, config):
            if isinstance(event, Answer):
                answer = event
            else:
                yield event
        self.verify.invoke(_required(answer), config)
        yield answer

    async def _asteps(
        self,
        inputs: AsyncIterator[str | Ask],
        run_manager: AsyncCallbackManagerForChainRun,  # unused, as in _steps
        config: RunnableConfig,
    ) -> AsyncIterator[Any]:
        ask = as_ask(await anext(inputs))
        if self._searches(ask):
            await self.retrieve.ainvoke(ask["question"], config, history=ask.get("history"))
        answer = None
        async for event in self.answer.astream(ask, config):
            if isinstance(event, Answer):
                answer = event
            else:
                yield event
        await self.verify.ainvoke(_required(answer), config)
        yield answer

    def _searches(self, ask: Ask) -> bool:
        """Whether ``ask`` searches the sources (small talk is answered without)."""
        return not is_smalltalk(
            clean_question(ask["question"], self.assistant.settings.max_question_chars)
        )

    def _answer(self, inputs: Iterator[Ask]) -> Iterator[Delta | Answer]:
        for ask in inputs:
            yield from self.assistant.stream(ask["question"], ask.get("history"))

    async def _aanswer(self, inputs: AsyncIterator[Ask]) -> AsyncIterator[Delta | Answer]:
        async for ask in inputs:
            events = self.assistant.stream(ask["question"], ask.get("history"))
            async for event in _in_thread(events):
                yield event

    def _verify(self, answer: Answer) -> dict[str, Any]:
        """The check shown in the trace; a problem is logged (it would be a bug: ``answer``
        verifies a model's sentences before they are shown, and quotes come from the index)."""
        units = self.assistant.retriever.index().units
        stored = {
            c.sentence_id: units[c.sentence_id].text
            for c in answer.citations
            if c.sentence_id in units
        }
        problems = citation_problems(answer, stored)
        for problem in problems:
            _log.warning("answer to %r: %s", answer.question, problem)
        return {"verified": not problems, "citations": len(answer.citations), "problems": problems}


async def _in_thread(events: Iterator[T]) -> AsyncIterator[T]:
    """``events`` advanced in worker threads (with the caller's context, so callbacks nest)."""
    done = object()
    while (event := await run_in_executor(None, next, events, done)) is not done:
        yield event  # type: ignore[misc]


def _required(answer: Answer | None) -> Answer:
    if answer is None:
        raise RuntimeError("The assistant's stream ended without an Answer.")
    return answer


def _last(events: list[Any]) -> Answer:
    return _required(events[-1] if events and isinstance(events[-1], Answer) else None)
