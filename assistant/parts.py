"""What a loaded index derives from its records: units, BM25 postings, the coverage
vocabulary and the sentences flagged as instructions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .bm25 import BM25, tokens
from .coverage import Vocabulary
from .models import Unit
from .safety import looks_like_instruction


@dataclass(frozen=True)
class IndexParts:
    """Everything queries need in memory besides the vector collection."""

    units: tuple[Unit, ...]  # in the order BM25 numbers its documents
    bm25: BM25
    vocabulary: Vocabulary
    suspect: frozenset[str]  # sentence ids that read like instructions to an AI


def unit_from_record(record_id: str, text: str, meta: Mapping[str, Any]) -> Unit:
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


def derive(records: Mapping[str, Sequence[Any]]) -> IndexParts:
    """Build the parts from an index's records (``Store.records``)."""
    units = tuple(
        unit_from_record(rid, text, meta)
        for rid, text, meta in zip(
            records["ids"], records["documents"], records["metadatas"], strict=True
        )
    )
    return IndexParts(
        units=units,
        bm25=BM25([tokens(u.text) for u in units]),
        vocabulary=Vocabulary(u.text for u in units),
        # Planted instructions stay visible in their documents but are never answers.
        suspect=frozenset(u.sentence_id for u in units if looks_like_instruction(u.text)),
    )
