"""Ingest throughput by number of embedding workers, measured in the same run.

    python benchmarks/ingest_workers.py [--size 1000] [--workers 1,2] [--rounds 2]

Generates the synthetic corpus of ``scale.py`` once, then ingests it from scratch into a new
store for each worker count (``ASSISTANT_INGEST_WORKERS``), each in a fresh process, the
counts interleaved round by round so that a change in the machine's load hits both alike.
Prints texts per second per count, the best round of each, and the load average around.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import machine_line
from scale import INGEST, child, generate


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(size: int, workers: list[int], rounds: int) -> dict[int, list[float]]:
    """Texts per second of a from-scratch ingest, per worker count, one value per round."""
    rates: dict[int, list[float]] = {w: [] for w in workers}
    with tempfile.TemporaryDirectory(prefix="wuf13-workers-") as tmp:
        folder = Path(tmp) / "knowledge"
        folder.mkdir()
        generate(size, folder)
        base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        for _ in range(rounds):
            for count in workers:
                data = Path(tmp) / "db"
                shutil.rmtree(data, ignore_errors=True)
                env = dict(base, ASSISTANT_KNOWLEDGE_DIR=str(folder), ASSISTANT_DATA_DIR=str(data))
                env["ASSISTANT_INGEST_WORKERS"] = str(count)
                result, _ = child(INGEST, env)
                rates[count].append(result["records"] / result["seconds"])
                print(json.dumps({"workers": count, "per_s": rates[count][-1]}), flush=True)
    return rates


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    before = load()
    rates = measure(args.size, workers, args.rounds)
    first = max(rates[workers[0]])
    print(machine_line())
    print(f"\nload average before: {before}; after: {load()}\n")
    print("| workers | texts/s per round | best | best / 1 worker's best |")
    print("|---|---|---|---|")
    for count in workers:
        best = max(rates[count])
        rounds = ", ".join(f"{r:.1f}" for r in rates[count])
        print(f"| {count} | {rounds} | {best:.1f} | {best / first:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
