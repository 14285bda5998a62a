"""Find the source sentences that answer a question: dense search in Chroma, fused with BM25
(reciprocal rank fusion) for the languages where that measurably helps.

Hits on a translation and on its original count as one source sentence (``sentence_id``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from ..index.embeddings import NamedEmbeddings
from ..index.store import Store
from ..values import Hit
from .bm25 import tokens
from .loaded import LoadedIndex
from .vocabulary import content_words

# Reciprocal rank fusion's constant (Cormack et al. 2009: 60 works across collections).
RRF_K = 60
# Texts asked of Chroma per sentence wanted: an original and its translations are separate
# texts of one sentence, and instruction-like sentences are dropped after the search.
FETCH_FACTOR = 4


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
        snapshots: Path | None = None,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.top_k = top_k
        self.bm25_languages = tuple(bm25_languages)
        self.snapshots = snapshots
        self._index: LoadedIndex | None = None
        self._lock = threading.Lock()

    def index(self, *, reload: bool = False) -> LoadedIndex:
        """The loaded active index; :class:`StoreError` says what to do when there is none."""
        with self._lock:
            if self._index is None or reload:
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

    def search(self, query: str, language: str) -> Retrieval:
        """The best source sentences for ``query`` (asked in ``language``), best first."""
        t0 = time.perf_counter()
        vector = self.embeddings.embed_query(query)
        t1 = time.perf_counter()
        index = self.index()
        try:
            hits = self._search(index, query, vector, language)
        except StoreError:
            raise
        except Exception:
            # The collection may have been swapped by an ingest in another process.
            index = self.index(reload=True)
            try:
                hits = self._search(index, query, vector, language)
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
        self, index: LoadedIndex, query: str, vector: list[float], language: str
    ) -> list[Hit]:
        n = min(len(index.units), self.top_k * FETCH_FACTOR)
        if n == 0:
            return []
        result = index.collection.query(
            query_embeddings=[vector], n_results=n, include=["distances"]
        )
        dense: dict[str, float] = {}
        for record_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            unit = index.units.get(record_id)
            if unit is None or unit.sentence_id in index.suspect:
                continue
            similarity = 1.0 - float(distance)
            if similarity > dense.get(unit.sentence_id, -2.0):
                dense[unit.sentence_id] = similarity
        dense_rank = sorted(dense, key=lambda sid: -dense[sid])
        fused: dict[str, float] = {sid: 1.0 / (RRF_K + r) for r, sid in enumerate(dense_rank, 1)}
        if language in self.bm25_languages:
            lexical: list[str] = []
            for i, _ in index.bm25.top(tokens(query), n):
                sid = index.units[index.order[i]].sentence_id
                if sid not in lexical and sid not in index.suspect:
                    lexical.append(sid)
            for r, sid in enumerate(lexical, 1):
                fused[sid] = fused.get(sid, 0.0) + 1.0 / (RRF_K + r)
        ranked = sorted(fused, key=lambda sid: -fused[sid])[: self.top_k]
        return [index.hit(sid, dense.get(sid, 0.0), fused[sid]) for sid in ranked]
