"""What a loaded index derives from a set of records: units, BM25 postings (of words, and of
character 4-grams across scripts), the sparse terms by feature, the coverage vocabulary, the
sentences flagged as instructions and the vectors; and those parts in a snapshot file.

An index's base collection has its parts; the live records its deltas add have theirs (see
:mod:`assistant.search.overlay`), and queries read both together (:mod:`.live`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..reading.columns import UnitColumns
from ..reading.records import TERMS_KEY, from_metadata
from ..storage import snapshot
from ..storage.store import IndexInfo
from ..text.grams import grams
from ..text.safety import looks_like_instruction
from ..values import DocumentInfo
from .bm25 import BM25, tokens
from .termindex import TermIndex
from .vocabulary import Vocabulary

# The version of the rules the parts are derived with (stems, tokens, flags) and of their
# layout: a snapshot made under other rules is stale even for the same index, and is rebuilt.
# Raise it when they change. 7: a revision's snapshot holds its deltas' records only.
RULES = 7
_GRAMS = "grams_"  # prefix of the 4-gram BM25's arrays in a snapshot


@dataclass(frozen=True)
class Parts:
    """The parts of one set of records, in their order (one row per record)."""

    units: UnitColumns
    bm25: BM25
    grams: BM25  # over character 4-grams of the words in Latin letters (text/grams.py)
    terms: TermIndex  # the sparse terms of each unit, by feature
    vocabulary: Vocabulary
    suspect: frozenset[str]  # sentence ids that read like instructions to an AI
    vectors: npt.NDArray[np.float32]  # one row per unit, in the same order


def derive(records: Mapping[str, Sequence[Any]]) -> Parts:
    """Build the parts of ``records`` (``Store.records`` with embeddings)."""
    docs: dict[tuple[str, ...], DocumentInfo] = {}
    units = tuple(
        from_metadata(rid, text, meta, docs)
        for rid, text, meta in zip(
            records["ids"], records["documents"], records["metadatas"], strict=True
        )
    )
    return Parts(
        units=UnitColumns.from_units(units),
        bm25=BM25([tokens(u.text) for u in units]),
        grams=BM25([grams(u.text) for u in units]),
        terms=TermIndex.build(codes_of(records["metadatas"])),
        vocabulary=Vocabulary(u.text for u in units),
        # Planted instructions stay visible in their documents but are never answers.
        suspect=frozenset(u.sentence_id for u in units if looks_like_instruction(u.text)),
        vectors=_matrix(records["embeddings"], len(units)),
    )


def _matrix(vectors: Any, rows: int) -> npt.NDArray[np.float32]:
    """``vectors`` as one float32 row per record (an empty index's keeps its width)."""
    out = np.asarray(vectors, dtype=np.float32)
    return out if out.ndim == 2 else out.reshape(rows, -1)


def codes_of(metadatas: Sequence[Mapping[str, Any]]) -> list[str]:
    """The packed sparse terms of each record ("" where a record has none)."""
    return [str((meta or {}).get(TERMS_KEY) or "") for meta in metadatas]


def save(
    folder: Path,
    info: IndexInfo,
    parts: Parts,
    extra: Mapping[str, Any] | None = None,
    hidden: Iterable[str] = (),
) -> Path | None:
    """Write ``parts`` as the snapshot of ``info`` (see :mod:`assistant.storage.snapshot`),
    with ``extra`` data beside them (and for a revision, the ids it ``hidden``)."""
    size, terms, arrays = parts.bm25.state()
    _, gram_terms, gram_arrays = parts.grams.state()
    arrays = {
        **arrays, **{_GRAMS + k: v for k, v in gram_arrays.items()}, **parts.terms.state(),
    }  # fmt: skip
    data = {
        **(extra or {}),
        "rules": RULES,
        "bm25_size": size,
        "terms": terms,
        "gram_terms": gram_terms,
        "vocabulary": parts.vocabulary.state(),
        "suspect": sorted(parts.suspect),
    }
    arrays["vectors"] = parts.vectors
    return snapshot.save(folder, info, parts.units, arrays, data, hidden)


def load(
    folder: Path, info: IndexInfo, revision: int | None = None
) -> tuple[Parts, dict[str, Any], frozenset[str]] | None:
    """The parts saved for ``info`` (or for an earlier ``revision`` of it), the data saved
    beside them and the ids it hides, or None when there is no valid snapshot of them."""
    saved = snapshot.load(folder, info, revision)
    if saved is None:
        return None
    try:
        data = saved.data
        if data.get("rules") != RULES:
            raise ValueError(f"it was derived under rules {data.get('rules')}, these are {RULES}")
        if data["bm25_size"] != len(saved.units):
            raise ValueError(f"BM25 covers {data['bm25_size']} of {len(saved.units)} records")
        size = data["bm25_size"]
        gram_arrays = {k[len(_GRAMS) :]: v for k, v in saved.arrays.items() if k.startswith(_GRAMS)}
        parts = Parts(
            units=saved.units,
            bm25=BM25.from_state(size, data["terms"], saved.arrays),
            grams=BM25.from_state(size, data["gram_terms"], gram_arrays),
            terms=TermIndex.from_state(size, saved.arrays),
            vocabulary=Vocabulary.from_state(data["vocabulary"]),
            suspect=frozenset(data["suspect"]),
            vectors=_vectors(saved.arrays, len(saved.units)),
        )
        return parts, data, saved.hidden
    except Exception as exc:  # whatever is wrong with it, the records are still there
        snapshot.ignored(folder, info, exc)
        return None


def _vectors(arrays: Mapping[str, Any], rows: int) -> npt.NDArray[np.float32]:
    vectors: npt.NDArray[np.float32] = arrays["vectors"]  # mapped: read when used
    if vectors.dtype != np.float32:
        raise ValueError(f"its vectors are {vectors.dtype}, not float32")
    if vectors.ndim != 2 or vectors.shape[0] != rows:
        raise ValueError(f"it holds {vectors.shape[0]} vectors for {rows} records")
    return vectors
