"""The package's shape: imports run one way, downward, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
# What each folder may import from the package, besides itself and the shared base.
BASE = {"values", "settings", "errors", "locations"}
ALLOWED = {
    "text": set(),
    "reading": {"text"},
    "storage": {"text", "reading"},
    "search": {"text", "reading", "storage"},
    "answering": {"text", "reading", "storage", "search"},
    "ui": {"text", "reading", "storage", "search", "answering", "assistant"},
}


def imported(path: Path) -> set[str]:
    """First components (below ``assistant``) of the package modules ``path`` imports."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(parts[: len(parts) - node.level])
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [target] if node.module else [[*base, a.name] for a in node.names]
            found.update(t[0] for t in names if t)
    return found


def test_imports_run_downward() -> None:
    wrong = []
    for folder, allowed in ALLOWED.items():
        for path in (PACKAGE / folder).glob("*.py"):
            extra = imported(path) - allowed - BASE - {folder}
            if extra:
                wrong.append((path.relative_to(PACKAGE).as_posix(), sorted(extra)))
    assert wrong == []


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 300:
            too_long.append((path.name, text.count("\n")))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    too_long.append((f"{path.name}:{node.name}", length))
    assert too_long == []
