"""Optional answering with a language model: any LangChain chat model (``BaseChatModel``),
given by the caller or built from settings (an OpenAI-compatible server or Ollama). Every
sentence is verified before the reader sees it, whatever the model.

The model gets the retrieved sentences numbered [1]..[k] (original and translation), answers
in the question's language with a marker after each sentence, and streams. Each finished
sentence goes through :mod:`verify`; only sentences that pass are shown, renumbered in order
of first citation. If none passes, or the model fails, the extractive answer is shown with
a note saying why. langchain-openai / langchain-ollama are imported only here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..search.retriever import Retrieval
from ..settings import Settings
from ..text.segment import split_sentences
from ..values import Delta, Hit, Turn
from .extractive import Composed, citation_for
from .messages import message
from .prompts import ANSWER, CONDENSE, LANGUAGE_NAMES, SOURCE, TRANSLATION
from .verify import MARKER, check_sentence

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

# What the model sees of a conversation when it rewrites a follow-up: the last turns, each cut.
CONDENSE_TURNS = 6
CONDENSE_CHARS = 500


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The LangChain chat model the settings name (the ``openai`` and ``ollama`` shortcuts);
    :class:`ConfigError` says what is missing."""
    if not settings.llm_base_url or not settings.llm_model:
        raise ConfigError(
            f"ASSISTANT_ANSWERER={settings.answerer} needs ASSISTANT_LLM_BASE_URL (your model "
            "server, e.g. http://127.0.0.1:11434 for Ollama or http://127.0.0.1:8080/v1 for "
            "llama.cpp) and ASSISTANT_LLM_MODEL."
        )
    try:
        match settings.answerer:
            case "openai":
                from langchain_openai import ChatOpenAI

                return ChatOpenAI(
                    base_url=settings.llm_base_url,
                    model=settings.llm_model,
                    api_key=settings.llm_api_key or "not-needed",  # type: ignore[arg-type]
                    timeout=settings.llm_timeout,
                    max_retries=0,
                    temperature=0,
                    streaming=True,
                )
            case "ollama":
                from langchain_ollama import ChatOllama

                return ChatOllama(
                    base_url=settings.llm_base_url,
                    model=settings.llm_model,
                    temperature=0,
                    client_kwargs={"timeout": settings.llm_timeout},
                )
    except ImportError as exc:
        raise ConfigError(
            f"ASSISTANT_ANSWERER={settings.answerer} needs the llm extra: pip install -e '.[llm]'"
        ) from exc
    raise ConfigError(f"{settings.answerer!r} is not a language-model answerer.")


def model_name(model: BaseChatModel) -> str:
    """How answers name a chat model: its class, and the model it serves when it says.

    >>> from langchain_core.language_models import FakeListChatModel
    >>> model_name(FakeListChatModel(responses=[]))
    'FakeListChatModel'
    """
    served = getattr(model, "model_name", None) or getattr(model, "model", None)
    kind = type(model).__name__
    return f"{kind}:{served}" if isinstance(served, str) and served else kind


class LLMAnswerer:
    """Writes answers with a chat model and shows only what the sources back."""

    def __init__(self, model: BaseChatModel, *, name: str, max_sources: int = 6) -> None:
        self.model = model
        self.name = name
        self.max_sources = max_sources

    def condense(self, question: str, history: tuple[Turn, ...]) -> str | None:
        """A standalone version of a follow-up question, or None if the model fails."""
        lines = "\n".join(
            f"{t.role}: {t.content[:CONDENSE_CHARS]}" for t in history[-CONDENSE_TURNS:]
        )
        try:
            reply = self.model.invoke(CONDENSE.format_messages(history=lines, question=question))
        except Exception:
            return None
        text = str(getattr(reply, "content", "")).strip().splitlines()
        return text[0][:CONDENSE_CHARS] if text and text[0].strip() else None

    def messages(self, question: str, language: str, hits: tuple[Hit, ...]) -> list[BaseMessage]:
        """The system and human messages that ask the model to answer from ``hits``."""
        blocks = []
        for number, hit in enumerate(hits, start=1):
            block = SOURCE.format(
                number=number, language=hit.original.language, original=hit.original.text
            )
            shown = hit.text_in(language)
            if shown is not hit.original:
                block += "\n" + TRANSLATION.format(language=shown.language, text=shown.text)
            blocks.append(block)
        return ANSWER.format_messages(
            language_name=LANGUAGE_NAMES.get(language, "English"),
            sources="\n".join(blocks),
            question=question,
        )

    def stream(
        self, question: str, language: str, retrieval: Retrieval, fallback: Composed
    ) -> Iterator[Delta | Composed]:
        """Verified sentences as :class:`Delta` pieces, then the :class:`Composed` answer."""
        hits = retrieval.hits[: self.max_sources]
        sources = {n: _texts(hit) for n, hit in enumerate(hits, start=1)}
        numbering: dict[int, int] = {}
        kept: list[str] = []
        dropped = 0
        buffer = ""
        done = 0  # sentences of the buffer already judged

        def judge(sentence: str) -> Delta | None:
            nonlocal dropped
            shown = self._judge(sentence, sources, numbering)
            if shown is None:
                dropped += 1
                return None
            kept.append(shown)
            return Delta((" " if len(kept) > 1 else "") + shown)

        try:
            for chunk in self.model.stream(self.messages(question, language, hits)):
                buffer += _content(chunk)
                sentences = split_sentences(buffer)
                for sentence in sentences[done : len(sentences) - 1]:  # the last may grow
                    done += 1
                    if delta := judge(sentence):
                        yield delta
            tail = split_sentences(buffer)[done:]
        except Exception as exc:
            if not kept:
                yield _fallback(fallback, message("llm_failed", language, reason=_reason(exc)))
                return
            tail, dropped = [], dropped + 1  # cut short: what had not finished is dropped
        for sentence in tail:
            if delta := judge(sentence):
                yield delta
        if not kept:
            reason = "llm_unverified" if buffer.strip() else "llm_failed"
            note = message(reason, language, reason="empty answer")
            yield _fallback(fallback, note)
            return
        citations = tuple(
            citation_for(shown_number, hits[given - 1], language)
            for given, shown_number in sorted(numbering.items(), key=lambda item: item[1])
        )
        note = message("llm_dropped", language, n=dropped) if dropped else ""
        yield Composed(" ".join(kept), citations, False, note=note, answerer=self.name)

    @staticmethod
    def _judge(
        sentence: str, sources: dict[int, list[str]], numbering: dict[int, int]
    ) -> str | None:
        """The sentence with markers renumbered for the reader, or None if it fails."""
        if not check_sentence(sentence, sources).ok:
            return None

        def renumber(match: re.Match[str]) -> str:
            out = []
            for raw in re.split(r"\s*,\s*", match.group(1)):
                given = int(raw)
                numbering.setdefault(given, len(numbering) + 1)
                out.append(f"[{numbering[given]}]")
            return "".join(out)

        return MARKER.sub(renumber, sentence).strip()


def _texts(hit: Hit) -> list[str]:
    return [hit.original.text, *(t.text for t in hit.translations)]


def _content(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, list):  # content blocks
        return "".join(str(b.get("text", "")) if isinstance(b, dict) else str(b) for b in content)
    return str(content)


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    return "timed out" if "timeout" in name.lower() or "timed out" in str(exc).lower() else name


def _fallback(extractive: Composed, note: str) -> Composed:
    return Composed(
        extractive.text, extractive.citations, extractive.abstained, note=note,
        answerer="extractive (fallback)",
    )  # fmt: skip
