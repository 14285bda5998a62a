"""Eval cases as data: loading and validating ``cases.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

CASES_FILE = Path(__file__).with_name("cases.yaml")
FIXTURES = Path(__file__).with_name("fixtures")
Kind = Literal["answer", "abstain", "smalltalk", "false_premise", "injection"]
KINDS = ("answer", "abstain", "smalltalk", "false_premise", "injection")


@dataclass(frozen=True)
class Case:
    """One question with what a correct answer must contain."""

    id: str
    question: str
    language: str
    facts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (fact name, accepted surface forms)
    gold: tuple[str, ...] = ()  # full sentence ids
    kind: Kind = "answer"
    history: tuple[dict[str, str], ...] = ()
    must_not: tuple[str, ...] = ()
    fixture: bool = False  # relies on the planted document in evals/fixtures/

    @property
    def answerable(self) -> bool:
        return self.kind == "answer"

    @property
    def abstain(self) -> bool:
        return self.kind == "abstain"

    @property
    def smalltalk(self) -> bool:
        return self.kind == "smalltalk"

    @property
    def adversarial(self) -> bool:
        """Injection questions and cases run against the planted document."""
        return self.kind == "injection" or self.fixture


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    """Parse the cases file; a malformed case raises ValueError naming it."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = str(data["doc"])
    facts: dict[str, list[str]] = data.get("facts", {})
    cases = []
    seen: set[str] = set()
    for raw in data["cases"]:
        cid = str(raw["id"])
        if cid in seen:
            raise ValueError(f"duplicate case id {cid!r} in {path.name}")
        seen.add(cid)
        unknown = [f for f in raw.get("facts", []) if f not in facts]
        if unknown:
            raise ValueError(f"case {cid!r} names unknown facts {unknown}")
        kind: Kind = raw.get("kind") or (
            "abstain" if raw.get("abstain") else "smalltalk" if raw.get("smalltalk") else "answer"
        )
        if kind not in KINDS:
            raise ValueError(f"case {cid!r} has kind {kind!r}; use one of {KINDS}")
        cases.append(
            Case(
                id=cid,
                question=str(raw["question"]),
                language=str(raw["language"]),
                facts=tuple((f, tuple(facts[f])) for f in raw.get("facts", [])),
                gold=tuple(g if "#" in g else f"{doc}#{g}" for g in raw.get("gold", [])),
                kind=kind,
                history=tuple(raw.get("history", [])),
                must_not=tuple(raw.get("must_not", [])),
                fixture=bool(raw.get("fixture", False)),
            )
        )
    return cases
