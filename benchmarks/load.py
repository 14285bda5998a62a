"""Load: N concurrent gradio_client users x M questions against the running app on loopback.

    python benchmarks/load.py [--users 32] [--questions 10]

Starts ``python app.py`` on a free 127.0.0.1 port, then every user asks M questions (the three
headline facts in three languages, cycled) through the ``/ask`` endpoint. Counts errors and
wrong answers (the expected fact must be in the answer) and prints latency percentiles.
Exits 1 on any error or wrong answer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import free_port, wait_for_200

from evals.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    ("When is WUF13?", "17–22 May"),
    ("WUF13 nə vaxt keçiriləcək?", "17-22 may"),
    ("Когда пройдет WUF13?", "17–22 мая"),
    ("Where will WUF13 be held?", "Baku"),
    ("WUF13 harada keçiriləcək?", "Bakı"),
    ("Где пройдет WUF13?", "Баку"),
    ("Where was Kazakhstan's first National Urban Planning Forum held?", "Kyzylorda"),
    ("Qazaxıstanın birinci Milli Şəhərsalma Forumu harada keçirilib?", "Qızılorda"),
    ("Где прошел первый Национальный градостроительный форум Казахстана?", "Кызылорд"),
    ("What is the recipe for plov?", "My sources don't say"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()
    from gradio_client import Client

    port = free_port()
    env = {**os.environ, "ASSISTANT_UI_PORT": str(port), "ASSISTANT_UI_HOST": "127.0.0.1"}
    app = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_200(url)

        def user(index: int) -> list[tuple[float, str | None]]:
            client = Client(url, verbose=False)
            out: list[tuple[float, str | None]] = []
            for i in range(args.questions):
                question, fact = QUESTIONS[(index + i) % len(QUESTIONS)]
                started = time.perf_counter()
                try:
                    answer = client.predict(question, None, api_name="/ask")
                    text = answer["text"].replace("**", "")
                    problem = (
                        None if fact in text else f"wrong answer to {question!r}: {text[:80]!r}"
                    )
                except Exception as exc:  # counted, never hidden
                    problem = f"error: {type(exc).__name__}: {exc}"
                out.append(((time.perf_counter() - started) * 1000, problem))
            return out

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.users) as pool:
            results = [r for rs in pool.map(user, range(args.users)) for r in rs]
        wall = time.perf_counter() - started
    finally:
        app.terminate()
        app.wait(timeout=30)
    latencies = [ms for ms, _ in results]
    problems = [p for _, p in results if p]
    rate = len(results) / wall
    print(f"machine: {os.cpu_count()} cores; {args.users} users x {args.questions} questions "
          f"= {len(results)} requests in {wall:.1f} s ({rate:.1f} req/s)\n")  # fmt: skip
    print("| users x questions | requests | errors or wrong | p50 ms | p95 ms | max ms | req/s |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {args.users} x {args.questions} | {len(results)} | {len(problems)} | "
          f"{statistics.median(latencies):.0f} | {percentile(latencies, 95):.0f} | "
          f"{max(latencies):.0f} | {rate:.1f} |")  # fmt: skip
    for problem in problems[:10]:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
