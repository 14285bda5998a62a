"""``python -m training check``: check the training questions against the knowledge pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    checking = sub.add_parser("check", help="check the questions against the knowledge pack")
    checking.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    checking.add_argument("--quiet", action="store_true", help="only the first 20 warnings")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check.main(args.knowledge, verbose=not args.quiet)
    return 2


if __name__ == "__main__":
    sys.exit(main())
