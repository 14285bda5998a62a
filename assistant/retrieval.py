"""Find the source sentences that answer a question: dense search in Chroma, fused with BM25
(reciprocal rank fusion) for the languages where that measurably helps.

Hits on a translation and on its original count as one source sentence (``sentence_id``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .bm25 import BM25, tokens
from .coverage import Vocabulary, content_words
from .embeddings import NamedEmbeddings
from .errors import StoreError
from .models import Hit, Unit
from .safety import looks_like_instruction
from .store import IndexInfo, Store

RRF_K = 60


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


def unit_from_record(record_id: str, text: str, meta: dict[str, Any]) -> Unit:
    """Rebuild a :class:`Unit` from what the index stores for it."""
    return Unit(
        record_id=record_id,
        sentence_id=str(meta["sentence_id"]),
        doc_slug=str(meta["doc_slug"]),
        index=int(meta["index"]),
        text=text,
        language=str(meta["language"]),
        is_translation=bool(meta["is_translation"]),
        original_text=str(meta["original_text"]),
        doc_title=str(meta["doc_title"]),
        doc_path=str(meta["doc_path"]),
        doc_published=str(meta["doc_published"]),
        doc_source=str(meta["doc_source"]),
        content_hash=str(meta["content_hash"]),
    )


class LoadedIndex:
    """One complete index held in memory for querying (units, BM25, LangChain vector store)."""

    def __init__(self, store: Store, info: IndexInfo) -> None:
        records = store.records(info.name)
        self.info = info
        self.units = {
            rid: unit_from_record(rid, text, meta)
            for rid, text, meta in zip(
                records["ids"], records["documents"], records["metadatas"], strict=True
            )
        }
        self.by_sentence: dict[str, list[Unit]] = {}
        self.by_doc: dict[str, list[Unit]] = {}  # each document's originals
        for unit in self.units.values():
            self.by_sentence.setdefault(unit.sentence_id, []).append(unit)
            if not unit.is_translation:
                self.by_doc.setdefault(unit.doc_slug, []).append(unit)
        self.order = list(self.units)
        self.bm25 = BM25([tokens(self.units[rid].text) for rid in self.order])
        self.vocabulary = Vocabulary(unit.text for unit in self.units.values())
        # Planted instructions stay visible in their documents but are never answers.
        self.suspect = {
            u.sentence_id for u in self.units.values() if looks_like_instruction(u.text)
        }
        # Writes go through LangChain's Chroma vector store (ingest.py). Queries ask the same
        # collection for ids and distances only: the texts are already in memory, and
        # similarity_search's document/metadata round trip cost 3.5 of 26 ms per answer
        # (benchmarks/compare.py, docs/BENCHMARKS.md).
        self.collection = store.collection(info.name)

    def hit(self, sentence_id: str, score: float, rank_score: float) -> Hit:
        units = self.by_sentence[sentence_id]
        original = next(u for u in units if not u.is_translation)
        return Hit(
            sentence_id=sentence_id,
            score=score,
            rank_score=rank_score,
            original=original,
            translations=tuple(
                sorted((u for u in units if u.is_translation), key=lambda u: u.language)
            ),
        )


class Retriever:
    """Thread-safe retrieval over the store's active index; reloads when it is replaced."""

    def __init__(
        self,
        store: Store,
        embeddings: NamedEmbeddings,
        *,
        top_k: int = 8,
        bm25_languages: Sequence[str] = ("az",),
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.top_k = top_k
        self.bm25_languages = tuple(bm25_languages)
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
                    self._index = LoadedIndex(self.store, info)
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
            hits = self._search(index, query, vector, language)
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
        n = min(len(index.units), self.top_k * 4)
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
