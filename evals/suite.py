"""The suites the evals run, each over its own knowledge, and building an assistant for one.

* ``seed``: 109 questions about the seed article alone (``cases.yaml``), as since the start.
* ``pack``: the multi-document suite over the whole knowledge pack (``pack.yaml``).
* ``seed-calibration`` and ``pack-calibration``: where thresholds and weights are fitted.
* ``pack-heldout``: written first, run only at the end of a change, never tuned on.

The planted prompt-injection document (``evals/fixtures/``) is indexed beside every suite's
knowledge. Each suite gets its own store under ``evals/`` in the user data directory; the
user's index is never touched.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import Assistant, Settings
from assistant.locations import user_data_dir

from .cases import FIXTURES, HERE, Case, load_cases
from .runner import Answering, CaseResult, run_case

SEED_ARTICLE = "2026-02-26-report-kazakhstan-wuf13"


@dataclass(frozen=True)
class Suite:
    """A cases file and the knowledge it is asked of (a file-name pattern in knowledge/)."""

    name: str
    cases_file: str
    knowledge: str  # glob pattern of the knowledge files this suite indexes

    def cases(self) -> list[Case]:
        return load_cases(HERE / self.cases_file)


SUITES = {
    s.name: s
    for s in (
        Suite("seed", "cases.yaml", f"{SEED_ARTICLE}*"),
        Suite("seed-calibration", "calibration.yaml", f"{SEED_ARTICLE}*"),
        Suite("pack", "pack.yaml", "*"),
        Suite("pack-calibration", "pack_calibration.yaml", "*"),
        Suite("pack-heldout", "pack_heldout.yaml", "*"),
    )
}
DEFAULT_SUITES = ("seed", "pack")


def eval_knowledge(source: Path, target: Path, pattern: str = "*") -> Path:
    """``target`` made a copy of the knowledge files matching ``pattern`` plus the eval
    fixtures (a planted prompt-injection document). Unchanged files keep their content, so
    ingest stays incremental."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in sorted(source.glob(pattern)):
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".py":
            shutil.copy2(path, target / path.name)
    for fixture in sorted(FIXTURES.glob("*.md")):
        shutil.copy2(fixture, target / fixture.name)
    return target


def build_assistant(
    base: Settings, suite: Suite = SUITES["seed"], data: Path | None = None
) -> Assistant:
    """An assistant over the suite's knowledge + fixtures, with its own store (under ``data``,
    default: ``evals/`` in the user data directory)."""
    data = data if data is not None else user_data_dir() / "evals"
    root = data / f"evals-{base.embedder}-{suite.name.split('-')[0]}"  # one store per knowledge
    knowledge = eval_knowledge(base.knowledge_dir, root / "knowledge", suite.knowledge)
    settings = base.replace(data_dir=root / "chroma", knowledge_dir=knowledge)
    assistant = Assistant.from_settings(settings, ensure_index=False)
    assistant.ingest(progress=False)
    return assistant


def stored_sentences(assistant: Assistant) -> dict[str, str]:
    """Sentence id -> original text, as indexed (what citations must quote verbatim)."""
    units = assistant.retriever.index().units.values()
    return {u.sentence_id: u.text for u in units if not u.is_translation}


def run_suite(
    assistant: Answering, stored: dict[str, str], cases: Sequence[Case]
) -> list[CaseResult]:
    return [run_case(assistant, stored, case) for case in cases]


def settings_for(embedder: str | None, st_model: str | None, answerer: str | None) -> Settings:
    overrides: dict[str, Any] = {}
    if embedder:
        overrides["embedder"] = embedder
    if st_model:
        overrides["st_model"] = st_model
    if answerer:
        overrides["answerer"] = answerer
    return Settings.from_env(**overrides)
