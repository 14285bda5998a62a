"""Run a module or a script, then write its peak resident memory in MB to a file.

    python benchmarks/peak.py OUT -m assistant ask "When is WUF13?"
    python benchmarks/peak.py OUT benchmarks/baseline_rag.py ask DIR "When is WUF13?"

Reads VmHWM from /proc/self/status at exit. (A parent's getrusage ru_maxrss would not do:
it keeps the high-water mark of the forked parent's pages across exec.)
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    out, rest = Path(sys.argv[1]), sys.argv[2:]
    atexit.register(lambda: out.write_text(f"{peak_mb():.1f}"))
    if rest[0] == "-m":
        sys.argv = rest[1:]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = rest
        runpy.run_path(rest[0], run_name="__main__")


if __name__ == "__main__":
    main()
