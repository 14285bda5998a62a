"""One complete index held in memory for querying: its parts, and its vector collection."""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..storage.layers import hidden_by_later
from ..storage.snapshot import base_of
from ..storage.store import IndexInfo, Store
from ..values import Hit, sentence_id, split_sentence_id
from .features import Rows
from .live import IndexParts, live_parts
from .overlay import Overlay, empty, forward
from .overlay import load as load_overlay
from .overlay import save as save_overlay
from .parts import Parts, derive
from .parts import load as load_parts
from .parts import save as save_parts
from .rowfacts import RowFacts
from .views import ByKey, ByRecord, rows_by

_log = logging.getLogger("assistant")


class LoadedIndex:
    """An index ready for queries: units by record and by sentence, BM25, the vocabulary, the
    vectors (one row per unit) and the Chroma collections of its layers."""

    def __init__(
        self, info: IndexInfo, collections: list[Any], base: Parts, overlay: Overlay
    ) -> None:
        self.info, self.base, self.overlay = info, base, overlay
        parts: IndexParts = live_parts(base, overlay)
        # Units are made when a lookup returns them (reading/columns.py): a question needs a
        # few dozen, and making every one took 0.9 s of each start at 100k sentences.
        self.table = parts.units
        self.units = ByRecord(self.table)
        self.rows = rows_by(self.table.sentence_ids)  # sentence id -> rows of its texts
        self.by_sentence = ByKey(self.table, self.rows)
        self.order = self.table.record_ids
        self.bm25 = parts.bm25
        self.grams = parts.grams
        self.terms = parts.terms
        self.vocabulary = parts.vocabulary
        self.suspect = parts.suspect
        self._rows = parts.vectors  # a few rows per question, read not mapped
        # Ingest writes texts with their vectors (storage/ingest.py). Queries ask the
        # collections for ids (and distances) only: the texts are already in memory, and
        # similarity_search's document/metadata round trip cost 3.5 of 26 ms per answer
        # (benchmarks/compare.py, docs/BENCHMARKS.md). Each layer's records that later
        # layers replace or remove are skipped (storage/layers.py).
        hidden = hidden_by_later(info.layers, [(), *parts.delta_ids])
        sizes = [layer.records for layer in info.layers]
        self.layers = list(zip(collections, hidden, sizes, strict=True))

    @classmethod
    def load(
        cls,
        store: Store,
        info: IndexInfo,
        snapshots: Path | None = None,
        previous: LoadedIndex | None = None,
    ) -> LoadedIndex:
        """Load ``info``: its base's parts from ``previous`` (the index loaded before it, when
        it has the same base), else from their snapshot in ``snapshots``, else from the
        records (then saved); then its deltas' overlay likewise, brought forward from the
        newest earlier one with the deltas since. Each snapshot is checked on reading."""
        collections = [store.collection(layer.name) for layer in info.layers]
        same = previous is not None and previous.info.name == info.name
        base = previous.base if previous is not None and same else _base(store, info, snapshots)
        start = None
        if previous is not None and same and previous.info.revision <= info.revision:
            start = (previous.info.revision, previous.overlay)
        overlay = _overlay(store, info, snapshots, base, start)
        index = cls(info, collections, base, overlay)
        if len(index.table) == info.records:
            return index
        # Snapshots that do not add up (written by a process that saw another index?)
        _log.warning("Ignoring the index snapshots of %s: they do not add up; rebuilding them.",
                     info.name)  # fmt: skip
        base = _base(store, info, None)
        overlay = _overlay(store, info, None, base, None)
        if snapshots:
            save_parts(snapshots, base_of(info), base)
            save_overlay(snapshots, info, overlay)
        return cls(info, collections, base, overlay)

    def nearest(self, vector: list[float], n: int) -> list[str]:
        """Ids of the ``n`` live records nearest ``vector``, by Chroma's index of each layer."""
        if len(self.layers) == 1:
            result = self.layers[0][0].query(query_embeddings=[vector], n_results=n, include=[])
            return list(result["ids"][0])
        found: list[tuple[float, str]] = []
        for collection, hidden, size in self.layers:
            if size == 0:  # a delta that only removed records
                continue
            result = collection.query(
                query_embeddings=[vector],
                n_results=min(n + len(hidden), size),
                include=["distances"],
            )
            pairs = zip(result["distances"][0], result["ids"][0], strict=True)
            found.extend((d, rid) for d, rid in pairs if rid not in hidden)
        return [rid for _, rid in sorted(found)[:n]]

    @cached_property
    def ranking_rows(self) -> Rows:
        """Each row's language and role, each sentence's rows, and each text's facts (worked
        out when a question first needs them), for the ranker."""
        columns = self.table.columns
        return Rows(columns["language"], columns["is_translation"], columns["text"], self.rows,
                    RowFacts(columns["text"]))  # fmt: skip

    def vectors_of(self, rows: list[int]) -> npt.NDArray[np.float32]:
        """The vectors of ``rows``, read from the snapshots (not mapped)."""
        return self._rows.take(rows)

    @cached_property
    def by_doc(self) -> ByKey:
        """Each document's slug -> its originals (built when first asked for)."""
        columns, docs = self.table.columns, self.table.docs
        slugs = [
            "" if translated else docs[doc].slug
            for doc, translated in zip(columns["doc"], columns["is_translation"], strict=True)
        ]
        rows = rows_by(slugs)
        rows.pop("", None)
        return ByKey(self.table, rows)

    def context_of(self, sid: str) -> list[str]:
        """The sentences that give ``sid`` its context: its document's title and the sentence
        before it ("She said ..." needs its subject)."""
        slug, number = split_sentence_id(sid)
        around = [sentence_id(slug, 0), sentence_id(slug, number - 1)] if number > 0 else []
        return [s for s in dict.fromkeys(around) if s in self.rows and s != sid]

    def similarity(self, sids: list[str], vector: npt.NDArray[np.float32]) -> dict[str, float]:
        """Each sentence's best cosine similarity to ``vector`` over its texts."""
        rows = [r for s in sids for r in self.rows[s]]
        if not rows:
            return {}
        scores = self._rows.take(rows) @ vector
        out: dict[str, float] = {}
        i = 0
        for s in sids:
            n = len(self.rows[s])
            out[s] = float(scores[i : i + n].max())
            i += n
        return out

    def hit(self, sid: str, score: float, rank_score: float, **details: Any) -> Hit:
        units = self.by_sentence[sid]
        original = next(u for u in units if not u.is_translation)
        return Hit(
            sentence_id=sid,
            score=score,
            rank_score=rank_score,
            original=original,
            translations=tuple(
                sorted((u for u in units if u.is_translation), key=lambda u: u.language)
            ),
            **details,
        )


def _base(store: Store, info: IndexInfo, snapshots: Path | None) -> Parts:
    """The parts of ``info``'s base collection: from its snapshot, else from its records."""
    base = base_of(info)
    saved = load_parts(snapshots, base) if snapshots else None
    if saved is not None:
        return saved[0]
    parts = derive(store.records(info.name, embeddings=True))
    if snapshots:
        save_parts(snapshots, base, parts)
    return parts


def _overlay(
    store: Store,
    info: IndexInfo,
    snapshots: Path | None,
    base: Parts,
    start: tuple[int, Overlay] | None,
) -> Overlay:
    """The overlay of ``info``'s deltas: its snapshot, else the newest earlier one (``start``,
    else a snapshot of an earlier revision) brought forward by the deltas since, and saved."""
    if not info.revision:
        return empty(base.vectors.shape[1])
    found = load_overlay(snapshots, info) if snapshots else None
    if found is not None and len(found.delta_ids) == info.revision:
        return found
    revision, overlay = start if start is not None else (0, empty(base.vectors.shape[1]))
    for earlier in range(info.revision - 1, revision, -1) if snapshots else ():
        found = load_overlay(snapshots, info, earlier)  # type: ignore[arg-type]
        if found is not None and len(found.delta_ids) == earlier:
            revision, overlay = earlier, found
            break
    since = info.deltas[revision:]
    pages = [store.records(layer.name, embeddings=True) for layer in since]
    overlay = forward(overlay, since, pages)
    if snapshots:
        save_overlay(snapshots, info, overlay)
    return overlay
