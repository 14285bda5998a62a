"""UI start-up (process start -> first HTTP 200) and time to the first streamed answer piece.

    python benchmarks/ui_startup.py [--runs 3] [--questions 20]

Starts ``python app.py`` on a free loopback port (index already built), polls ``GET /`` until
it answers 200, then streams questions through the ``/chat`` endpoint with gradio_client and
times the first partial output and the final one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import free_port, wait_for_200

from evals.cases import load_cases
from evals.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    from gradio_client import Client

    subprocess.run([sys.executable, "-m", "assistant", "ingest", "--quiet"], cwd=ROOT, check=True)
    startups, first_piece, final = [], [], []
    questions = [c.question for c in load_cases() if not c.history and not c.smalltalk]
    for run in range(args.runs):
        port = free_port()
        env = {**os.environ, "ASSISTANT_UI_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False"}
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "app.py"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for_200(url)
            startups.append(time.perf_counter() - started)
            if run == 0:
                client = Client(url, verbose=False)
                for question in questions[: args.questions]:
                    t0 = time.perf_counter()
                    job = client.submit(question, api_name="/chat")
                    first = None
                    for _ in job:
                        if first is None:
                            first = time.perf_counter() - t0
                    job.result()
                    final.append((time.perf_counter() - t0) * 1000)
                    first_piece.append((first if first is not None else final[-1] / 1000) * 1000)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print("| measure | n | median | p95 |")
    print("|---|---|---|---|")
    rows = [
        ("UI start-up, process start -> HTTP 200 (s)", startups, 2),
        ("first streamed piece via /chat (ms)", first_piece, 0),
        ("whole streamed answer via /chat (ms)", final, 0),
    ]
    for label, values, digits in rows:
        median, p95 = statistics.median(values), percentile(values, 95)
        print(f"| {label} | {len(values)} | {median:.{digits}f} | {p95:.{digits}f} |")


if __name__ == "__main__":
    main()
