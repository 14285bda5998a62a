"""Build the assistant the evals run against, and run cases through it."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant import Assistant, Settings

from .cases import FIXTURES, Case
from .runner import Answering, CaseResult, run_case

DATA = Path(".data")


def eval_knowledge(source: Path, target: Path) -> Path:
    """``target`` made a copy of the knowledge folder plus the eval fixtures (a planted
    prompt-injection document). Unchanged files keep their content, so ingest stays
    incremental."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for fixture in sorted(FIXTURES.glob("*.md")):
        shutil.copy2(fixture, target / fixture.name)
    return target


def build_assistant(base: Settings, data: Path = DATA) -> Assistant:
    """An assistant over knowledge + fixtures with its own store (the user's is untouched)."""
    root = data / f"evals-{base.embedder}"
    knowledge = eval_knowledge(base.knowledge_dir, root / "knowledge")
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
