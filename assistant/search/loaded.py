"""One complete index held in memory for querying: its parts, and its vector collection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..index.store import IndexInfo, Store
from ..values import Hit, Unit
from .parts import IndexParts, derive
from .parts import load as load_parts
from .parts import save as save_parts


class LoadedIndex:
    """One complete index held in memory for querying: its parts and its vector collection."""

    def __init__(self, info: IndexInfo, collection: Any, parts: IndexParts) -> None:
        self.info = info
        self.units = {unit.record_id: unit for unit in parts.units}
        self.by_sentence: dict[str, list[Unit]] = {}
        self.by_doc: dict[str, list[Unit]] = {}  # each document's originals
        for unit in parts.units:
            self.by_sentence.setdefault(unit.sentence_id, []).append(unit)
            if not unit.is_translation:
                self.by_doc.setdefault(unit.doc.slug, []).append(unit)
        self.order = [unit.record_id for unit in parts.units]
        self.bm25 = parts.bm25
        self.vocabulary = parts.vocabulary
        self.suspect = parts.suspect
        # Writes go through LangChain's Chroma vector store (ingest.py). Queries ask the same
        # collection for ids and distances only: the texts are already in memory, and
        # similarity_search's document/metadata round trip cost 3.5 of 26 ms per answer
        # (benchmarks/compare.py, docs/BENCHMARKS.md).
        self.collection = collection

    @classmethod
    def load(cls, store: Store, info: IndexInfo, snapshots: Path | None = None) -> LoadedIndex:
        """Load ``info`` from its snapshot in ``snapshots`` if there is a valid one, else
        from its records (and save the snapshot for next time)."""
        collection = store.collection(info.name)
        parts = load_parts(snapshots, info) if snapshots else None
        if parts is None:
            parts = derive(store.records(info.name))
            if snapshots:
                save_parts(snapshots, info, parts)
        return cls(info, collection, parts)

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
