"""Sentence splitting time on long paragraphs full of initials and abbreviations.

    python benchmarks/segment.py [--runs 3]

Each paragraph repeats "See p. 5 and A. B. Smith and the U.N. Report " (every full stop a
candidate end that is not one) up to the given size; the splitter must stay linear, and a
1 MB paragraph must split in under a second.
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import machine_line

from assistant.text.segment import split_sentences

PATTERN = "See p. 5 and A. B. Smith and the U.N. Report "
SIZES = (45_000, 180_000, 1_000_000, 4_000_000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine_line() + "\n")
    print("| paragraph | characters | sentences | median (s) | µs per KB |")
    print("|---|---|---|---|---|")
    for size in SIZES:
        text = (PATTERN * (size // len(PATTERN) + 1))[:size]
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            sentences = split_sentences(text)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        label = f"{size / 1e6:g} MB" if size >= 1e6 else f"{size // 1000} KB"
        print(f"| {label} | {size:,} | {len(sentences)} | {median:.3f} | "
              f"{median * 1e6 / (size / 1000):.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
