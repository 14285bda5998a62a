"""What one refresh of the Sources tab costs on an existing index: the tab's own callback
(``SourcesHandlers.listing``: the index's rows per document, read from its columns), and, for
comparison, the same documents counted the way they were before issue 22 (every unit made,
then counted: the first refresh makes them, later ones find them made), all with the index
already loaded as a running UI has it.

    python benchmarks/sources_refresh.py --knowledge DIR/knowledge --data DIR/db [--runs 20]

A 100k-sentence index to run it on: ``benchmarks/borrowed_index.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from common import machine_line

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def by_units(index: Any) -> int:
    """The documents counted from every unit (the Sources list before issue 22)."""
    docs: dict[str, list[Any]] = {}
    for unit in index.units.values():
        row = docs.setdefault(unit.doc.slug, [0, set()])
        if unit.is_translation:
            row[1].add(unit.language)
        else:
            row[0] += 1
    return len(docs)


def timed(call: Any, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def main() -> int:
    from assistant import Assistant, Settings
    from assistant.ui.library import SourcesHandlers

    parser = argparse.ArgumentParser()
    parser.add_argument("--knowledge", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    settings = Settings(knowledge_dir=args.knowledge, data_dir=args.data)
    assistant = Assistant.from_settings(settings, ensure_index=False)
    index = assistant.retriever.index()  # loaded once, as in a running UI
    handlers = SourcesHandlers(assistant)
    rows, _ = handlers.listing()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    now = timed(handlers.listing, args.runs)
    first = timed(lambda: by_units(assistant.retriever.index()), 1)  # units made here
    before = timed(lambda: by_units(assistant.retriever.index()), max(3, args.runs // 5))
    assert by_units(index) == len(rows)
    print(machine_line())
    print(f"\n{len(index.table)} texts, {len(rows)} documents; load average at start: {load}\n")
    print("| refresh of the Sources tab | median (s) | max (s) | runs |")
    print("|---|---|---|---|")
    for name, times in (
        ("listing() from the columns (now)", now),
        ("from every unit, first refresh (before)", first),
        ("from every unit, later refreshes (units already made; before)", before),
    ):
        print(f"| {name} | {statistics.median(times):.3f} | {max(times):.3f} | {len(times)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
