"""A real from-scratch ingest of the synthetic corpus of ``scale.py`` (no borrowed vectors),
timed as a user runs it: ``python -m assistant ingest`` in its own process.

    python benchmarks/real_ingest.py --size 100000 --dir DIR [--workers 2]

Generates ``DIR/knowledge`` on the first run, then runs the ingest (stderr, with its progress
bar, goes to ``DIR/ingest-<piece>.log``) while sampling the load average every 30 s. A run
that is stopped (killed, or the machine restarted) is a piece: running the command again
continues the build where it stopped (``storage/ingest.py`` keeps what an interrupted build
wrote), and the pieces are added up. Prints, and keeps in ``DIR/pieces.json``: wall time,
texts/s, CPU time of the ingest process, its peak RSS, the load averages seen, and the size
of the store (Chroma, and the snapshot the first start writes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import machine_line
from scale import du, generate

ROOT = Path(__file__).resolve().parents[1]


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def run_piece(folder: Path, workers: int, piece: int) -> dict[str, object]:
    """One ``python -m assistant ingest`` run to its end (or until it is killed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_KNOWLEDGE_DIR=str(folder / "knowledge"), ASSISTANT_DATA_DIR=str(folder / "db"),
        ASSISTANT_INGEST_WORKERS=str(workers),
    )  # fmt: skip
    peak = folder / f"peak-{piece}.txt"
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(30):
            samples.append(loadavg())

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    with open(folder / f"ingest-{piece}.log", "w", encoding="utf-8") as log:
        done = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "peak.py"), str(peak),
             "-m", "assistant", "ingest"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True,
        )  # fmt: skip
    stop.set()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "piece": piece,
        "started": time.strftime("%Y-%m-%d %H:%M", time.localtime(started)),
        "wall_s": time.time() - started,
        "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "returncode": done.returncode,
        "stdout": done.stdout.strip().splitlines()[-1:] if done.stdout else [],
        "peak_rss_mb": float(peak.read_text()) if peak.exists() and peak.read_text() else None,
        "load_samples": samples,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    folder = args.dir.resolve()
    if not (folder / "knowledge").exists():
        (folder / "knowledge").mkdir(parents=True)
        generate(args.size, folder / "knowledge")
    record = folder / "pieces.json"
    pieces = json.loads(record.read_text()) if record.exists() else []
    if not pieces or pieces[-1]["returncode"] != 0:
        pieces.append(run_piece(folder, args.workers, len(pieces) + 1))
        record.write_text(json.dumps(pieces, indent=1), encoding="utf-8")
    wall = sum(float(p["wall_s"]) for p in pieces)
    cpu = sum(float(p["cpu_s"]) for p in pieces)
    loads = [x for p in pieces for x in p["load_samples"]]
    peaks = [p["peak_rss_mb"] for p in pieces if p["peak_rss_mb"] is not None]
    chroma = du(folder / "db") - du(folder / "db" / "snapshots")
    print(machine_line())
    print(f"\npieces: {len(pieces)}; last said: {pieces[-1]['stdout']}")
    print(
        f"| texts | wall (s) | texts/s | CPU of the ingest (s) | CPU / wall | peak RSS (MB) "
        f"| Chroma (MB) | snapshot (MB) | load average (min–max over the run) |\n"
        f"|---|---|---|---|---|---|---|---|---|\n"
        f"| {args.size} | {wall:.0f} | {args.size / wall:.1f} | {cpu:.0f} | {cpu / wall:.2f} "
        f"| {max(peaks, default=float('nan')):.0f} | {chroma:.0f} "
        f"| {du(folder / 'db' / 'snapshots'):.0f} "
        f"| {min(loads, default=float('nan')):.2f}–{max(loads, default=float('nan')):.2f} |"
    )
    return 0 if pieces[-1]["returncode"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
