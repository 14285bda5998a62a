"""Eval cases as data: loading and validating a cases file (``cases.yaml``, ``pack.yaml``...)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

HERE = Path(__file__).parent
CASES_FILE = HERE / "cases.yaml"
FIXTURES = HERE / "fixtures"
Kind = Literal[
    "answer", "abstain", "smalltalk", "false_premise", "premise", "conflict", "injection"
]
KINDS = ("answer", "abstain", "smalltalk", "false_premise", "premise", "conflict", "injection")


@dataclass(frozen=True)
class Case:
    """One question with what a correct answer must contain.

    ``gold`` is a tuple of groups of sentence ids: the answer must cite one of each group (one
    group for a simple question, one per part or per side of a disagreement).
    """

    id: str
    question: str
    language: str
    facts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (fact name, accepted surface forms)
    gold: tuple[tuple[str, ...], ...] = ()
    kind: Kind = "answer"
    history: tuple[dict[str, str], ...] = ()
    must_not: tuple[str, ...] = ()
    fixture: bool = False  # relies on the planted document in evals/fixtures/
    tags: tuple[str, ...] = ()

    @property
    def gold_ids(self) -> frozenset[str]:
        """Every gold sentence id, whatever its group (for ranking metrics)."""
        return frozenset(sid for group in self.gold for sid in group)

    @property
    def answerable(self) -> bool:
        """The sources answer it: an answer with facts is expected (possibly with a note)."""
        return self.kind in ("answer", "premise", "conflict") or (
            self.kind == "injection" and bool(self.facts)
        )

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
    """Parse a cases file; a malformed case raises ValueError naming it."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = str(data.get("doc", ""))
    facts: dict[str, list[str]] = data.get("facts") or {}
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
                facts=tuple((f, tuple(str(x) for x in facts[f])) for f in raw.get("facts", [])),
                gold=_gold_groups(raw.get("gold") or [], doc),
                kind=kind,
                history=tuple(raw.get("history") or []),
                must_not=tuple(raw.get("must_not") or []),
                fixture=bool(raw.get("fixture", False)),
                tags=tuple(raw.get("tags") or []),
            )
        )
    return cases


def _gold_groups(raw: list[Any], doc: str) -> tuple[tuple[str, ...], ...]:
    """``[s1, s5]`` (one group, short ids of ``doc``) or ``[[a#s1, b#s2], [c#s4]]``."""
    if not raw:
        return ()
    groups = raw if all(isinstance(g, list) for g in raw) else [raw]
    return tuple(
        tuple(g if "#" in g else f"{doc}#{g}" for g in map(str, group)) for group in groups
    )
