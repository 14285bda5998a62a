"""The parts of an updated index from those of an earlier revision: the records the deltas
since then replaced or removed are taken out, their records put in, at the cost of the
change rather than of the index (at 100k sentences deriving everything takes half a minute).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..index.layers import live_records
from ..index.records import from_metadata
from ..index.store import IndexInfo, Store
from ..text.grams import grams
from ..text.safety import looks_like_instruction
from ..values import DocumentInfo
from .bm25 import tokens
from .parts import IndexParts, codes_of
from .parts import load as load_parts


def catch_up(store: Store, info: IndexInfo, folder: Path) -> IndexParts | None:
    """The parts of ``info`` from the newest snapshot of an earlier revision of it and the
    deltas added since; None when there is no such snapshot."""
    for revision in range(info.revision - 1, -1, -1):
        if (parts := load_parts(folder, info, revision)) is not None:
            break
    else:
        return None
    since = info.deltas[revision:]
    pages = [store.records(layer.name, embeddings=True) for layer in since]
    gone = {rid for page in pages for rid in page["ids"]}
    gone.update(rid for layer in since for rid in layer.removed)
    delta_ids = (*parts.delta_ids, *(tuple(page["ids"]) for page in pages))
    return edit(parts, gone, live_records(since, pages), delta_ids)


def edit(
    parts: IndexParts,
    gone: set[str],
    records: Mapping[str, Sequence[Any]],
    delta_ids: tuple[tuple[str, ...], ...],
) -> IndexParts:
    """``parts`` without the records ``gone``, with ``records`` appended."""
    table = parts.units
    keep = np.fromiter((rid not in gone for rid in table.record_ids), bool, len(table))
    docs: dict[tuple[str, ...], DocumentInfo] = {}
    added = [
        from_metadata(rid, text, meta, docs)
        for rid, text, meta in zip(
            records["ids"], records["documents"], records["metadatas"], strict=True
        )
    ]
    removed = [table[int(i)] for i in np.flatnonzero(~keep)]
    units = table.edited(keep, added)
    touched = {u.sentence_id for u in (*removed, *added)}
    texts = units.columns["text"]
    flagged = {
        sid
        for sid, text in zip(units.sentence_ids, texts, strict=True)
        if sid in touched and looks_like_instruction(text)
    }
    width = parts.vectors.shape[1]
    vectors = np.asarray(records["embeddings"], dtype=np.float32).reshape(len(added), width)
    return IndexParts(
        units=units,
        bm25=parts.bm25.edited(keep, [tokens(u.text) for u in added]),
        grams=parts.grams.edited(keep, [grams(u.text) for u in added]),
        terms=parts.terms.edited(keep, codes_of(records["metadatas"])),
        vocabulary=parts.vocabulary.edited((u.text for u in removed), (u.text for u in added)),
        suspect=frozenset((parts.suspect - touched) | flagged),
        vectors=np.concatenate([parts.vectors[keep], vectors]),
        delta_ids=delta_ids,
    )
