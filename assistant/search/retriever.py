"""Find the source sentences that answer a question: candidates from dense search in Chroma
and from BM25, ranked by :mod:`assistant.search.scoring`.

Hits on a translation and on its original count as one source sentence (``sentence_id``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import StoreError
from ..index.embeddings import NamedEmbeddings
from ..index.store import Store
from ..text.answer_types import AnswerType, has_answer
from ..values import Hit, split_sentence_id
from .bm25 import tokens
from .loaded import LoadedIndex
from .scoring import Weights, combine
from .vocabulary import content_words

# Texts asked of Chroma per sentence wanted: an original and its translations are separate
# texts of one sentence, and instruction-like sentences are dropped after the search.
FETCH_FACTOR = 4
RECHECK_SECONDS = 2.0  # how stale a loaded index may get before the manifest is read again


@dataclass(frozen=True)
class Retrieval:
    """Ranked source sentences for one query, with where the time went."""

    hits: tuple[Hit, ...]
    embed_ms: float
    search_ms: float
    uncovered: tuple[str, ...] = ()  # content words of the query that no source uses
    content_words: int = 0

    @property
    def uncovered_share(self) -> float:
        """Share of the query's content words that no source uses (0.0 for none)."""
        return len(self.uncovered) / self.content_words if self.content_words else 0.0


class Retriever:
    """Thread-safe retrieval over the store's active index; reloads when it is replaced."""

    def __init__(
        self,
        store: Store,
        embeddings: NamedEmbeddings,
        *,
        top_k: int,
        bm25_languages: Sequence[str],
        weights: Weights,
        snapshots: Path | None = None,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.top_k = top_k
        self.bm25_languages = tuple(bm25_languages)
        self.weights = weights
        self.snapshots = snapshots
        self._index: LoadedIndex | None = None
        self._checked = 0.0  # when the active index was last compared with the loaded one
        self._lock = threading.Lock()

    def index(self, *, reload: bool = False) -> LoadedIndex:
        """The loaded active index; :class:`StoreError` says what to do when there is none."""
        with self._lock:
            now = time.monotonic()
            if self._index is not None and not reload and now - self._checked > RECHECK_SECONDS:
                # Another process may have added a delta: the collections stay, so no query
                # would fail and tell; the manifest says.
                self._checked = now
                reload = self.store.active() != self._index.info
            if self._index is None or reload:
                self._checked = now
                info = self.store.active()
                if info is None:
                    raise StoreError(
                        "There is no index yet. Run `python -m assistant ingest` to build it "
                        "from the knowledge folder."
                    )
                if info.embedder != self.embeddings.name or info.dim != self.embeddings.dim:
                    raise StoreError(
                        f"The index was built with {info.embedder} ({info.dim} dimensions) but "
                        f"the settings ask for {self.embeddings.name} ({self.embeddings.dim}). "
                        "Run `python -m assistant ingest` to rebuild it."
                    )
                if self._index is None or self._index.info != info:
                    self._index = LoadedIndex.load(self.store, info, self.snapshots)
            return self._index

    def search(self, query: str, language: str, answer_type: AnswerType | None = None) -> Retrieval:
        """The best source sentences for ``query`` (asked in ``language``), best first;
        those holding an answer of ``answer_type`` are ranked up."""
        t0 = time.perf_counter()
        vector = self.embeddings.embed_query(query)
        t1 = time.perf_counter()
        index = self.index()
        try:
            hits = self._search(index, query, vector, language, answer_type)
        except StoreError:
            raise
        except Exception:
            # The collection may have been swapped by an ingest in another process.
            index = self.index(reload=True)
            try:
                hits = self._search(index, query, vector, language, answer_type)
            except StoreError:
                raise
            except Exception as exc:
                raise StoreError(
                    f"Searching {self.store.where} failed ({type(exc).__name__}: "
                    f"{str(exc)[:160]}). Check that it is running, then retry."
                ) from exc
        t2 = time.perf_counter()
        return Retrieval(
            hits=tuple(hits),
            embed_ms=(t1 - t0) * 1000,
            search_ms=(t2 - t1) * 1000,
            uncovered=tuple(index.vocabulary.uncovered(query)),
            content_words=len(content_words(query)),
        )

    def _search(
        self,
        index: LoadedIndex,
        query: str,
        vector: list[float],
        language: str,
        answer_type: AnswerType | None,
    ) -> list[Hit]:
        n = min(len(index.units), self.top_k * FETCH_FACTOR)
        if n == 0:
            return []
        nearest = index.nearest(vector, n)
        candidates = {index.units[r].sentence_id for r in nearest if r in index.units}
        lexical: dict[str, float] = {}
        if language in self.bm25_languages:
            for i, score in index.bm25.top(tokens(query), n):
                sid = index.units[index.order[i]].sentence_id
                lexical[sid] = max(score, lexical.get(sid, 0.0))
            candidates |= set(lexical)
        candidates -= index.suspect
        return self._rank(index, sorted(candidates), vector, lexical, answer_type)

    def _rank(
        self,
        index: LoadedIndex,
        candidates: list[str],
        vector: list[float],
        lexical: dict[str, float],
        answer_type: AnswerType | None,
    ) -> list[Hit]:
        query = np.asarray(vector, dtype=np.float32)
        dense = index.similarity(candidates, query)
        around = {s: index.context_of(s) for s in candidates}
        context_sims = index.similarity(sorted({c for cs in around.values() for c in cs}), query)
        best_lexical = max(lexical.values(), default=0.0) or 1.0
        scored = []
        for sid in candidates:
            # A sentence with nothing around it (a first sentence, no title) is its own context.
            context = max((context_sims[c] for c in around[sid]), default=dense[sid])
            share = lexical.get(sid, 0.0) / best_lexical
            typed = answer_type is not None and any(
                has_answer(u.text, answer_type) for u in index.by_sentence[sid]
            )
            is_title = split_sentence_id(sid)[1] == 0
            total = combine(dense[sid], context, share, typed, is_title, self.weights)
            scored.append((total, sid, context, share, typed))
        scored.sort(key=lambda row: (-row[0], row[1]))
        return [
            index.hit(
                sid, dense[sid], total, context=context, lexical=share, typed=typed,
                context_units=tuple(u for c in around[sid] for u in index.by_sentence[c]),
            )
            for total, sid, context, share, typed in scored[: self.top_k]
        ]  # fmt: skip
