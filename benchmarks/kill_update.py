"""Kill -9 a one-document update at random moments; every restart must answer from the old
index or the new one (never a mix) and the next ingest must complete the change.

    python benchmarks/kill_update.py --knowledge DIR/knowledge --data DIR/db [--kills 20]

Works on copies. Each round changes one document of about 20 sentences (added, changed or
removed in turn), starts ``python -m assistant ingest``, kills it with SIGKILL at a moment
drawn uniformly between 30 % and 95 % of an unkilled update's wall time (the first 30 % is
interpreter start and imports, where nothing is written), then in a fresh process loads
the index and compares its records (id -> content hash) with the knowledge before and after
the change, asks a question about the document, and finally runs an ingest to completion
and checks that the index then equals the knowledge.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine_line

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHECK = """
import hashlib, json
from assistant import Assistant, Settings
a = Assistant.from_settings(Settings.from_env(), ensure_index=False)
index = a.retriever.index()
pairs = sorted((rid, u.content_hash) for rid, u in index.units.items())
answer = a.ask("Which gate does the kill-probe shift start at?").text
print(json.dumps({"digest": hashlib.sha256(json.dumps(pairs).encode()).hexdigest(),
                  "answer": answer}))
"""


def digest(knowledge: Path) -> str:
    from assistant.reading.documents import read_knowledge

    pairs = sorted(
        (u.record_id, u.content_hash) for d in read_knowledge(knowledge).documents for u in d.units
    )
    return hashlib.sha256(json.dumps(pairs).encode()).hexdigest()


def document(round_: int) -> str:
    body = " ".join(
        f"The kill-probe shift {i} of round {round_} starts at gate {round_ % 9}."
        for i in range(20)
    )
    return f"---\ntitle: Kill probe\nlanguage: en\n---\n\n{body}\n"


def child(code: str, env: dict[str, str]) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    ).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def ingest(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "ingest", "--quiet"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def change(knowledge: Path, round_: int) -> None:
    probe = knowledge / "kill-probe.md"
    if round_ % 3 == 2:
        probe.unlink(missing_ok=True)
    else:
        probe.write_text(document(round_), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--knowledge", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows, failures = [], 0
    with tempfile.TemporaryDirectory(prefix="wuf13-kill-") as tmp:
        knowledge, data = Path(tmp) / "knowledge", Path(tmp) / "db"
        shutil.copytree(args.knowledge, knowledge)
        shutil.copytree(args.data, data)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(ASSISTANT_KNOWLEDGE_DIR=str(knowledge), ASSISTANT_DATA_DIR=str(data))
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        ingest(env).wait()  # the snapshots and the files' memo, as after any earlier ingest
        change(knowledge, 0)
        started = time.perf_counter()
        ingest(env).wait()
        full = time.perf_counter() - started  # an unkilled update, start to exit
        for round_ in range(1, args.kills + 1):
            old = digest(knowledge)
            change(knowledge, round_)
            new = digest(knowledge)
            proc = ingest(env)
            delay = rng.uniform(0.3 * full, 0.95 * full)
            time.sleep(delay)
            killed = proc.poll() is None
            if killed:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            seen = child(CHECK, env)
            state = {old: "old", new: "new"}.get(seen["digest"], "MIXED")
            gate = (
                f"gate **{round_ % 9}**" in seen["answer"] or f"gate {round_ % 9}" in seen["answer"]
            )
            answer_ok = state == "MIXED" or (gate == (state == "new" and round_ % 3 != 2))
            ingest(env).wait()
            restored = child(CHECK, env)["digest"] == new
            ok = state != "MIXED" and restored and answer_ok
            failures += not ok
            rows.append((round_, delay, killed, state, answer_ok, restored))
            print(json.dumps(rows[-1]), flush=True)
    print(machine_line())
    print(f"\nload average at start: {load}; unkilled update: {full:.2f} s wall\n")
    print(
        "| round | kill after (s) | killed while running | state on restart | answer fits | "
        "next ingest completes |"
    )
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]:.2f} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |")
    print(f"\n{len(rows)} kills, {failures} inconsistent")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
