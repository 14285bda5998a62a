"""From training questions to the ranker's examples, through the product's own path.

Each split is searched over its own knowledge, so that no document outside it touches what
is learned from it (training/DATA_CARD.md):

* ``train``: the train documents only. A train question whose answers are all in other
  documents is unanswerable here, and is kept as such.
* ``dev``: the train and dev documents (what thresholds are chosen on).
* ``test``: the whole pack, as the product has it.

Each document is also searched alone, with the questions written for it (a knowledge folder of
one report is a real use, and the seed suite is one): its questions answered only elsewhere
are unanswerable there. Those examples belong to the document's split like the others.

A question is planned exactly as :meth:`assistant.Assistant.ask` plans it (instructions taken
out, two-part questions split, a follow-up joined to the question it leans on) and each part
is searched with :meth:`Retriever.candidates`: the same candidates and features as at query
time.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant import Assistant, Settings
from assistant.answering.planning import plan
from assistant.search.features import Query
from assistant.search.loaded import LoadedIndex
from assistant.search.ranker import Ranker
from assistant.search.retriever import Retrieval, Retriever
from assistant.text.language import detect_language
from assistant.text.question_parts import without_instructions
from assistant.text.questions import clean_question, normalize_history

from .data import Question, Split

# The knowledge each split is searched over.
KNOWLEDGE: dict[Split, tuple[Split, ...]] = {
    "train": ("train",),
    "dev": ("train", "dev"),
    "test": ("train", "dev", "test"),
}


def contexts(split: Split, documents: dict[str, Split]) -> list[tuple[str, set[str]]]:
    """(name, documents searched) of each knowledge ``split`` is searched over: its own
    (:data:`KNOWLEDGE`), then each of its documents alone."""
    own = {d for d, s in documents.items() if s in KNOWLEDGE[split]}
    alone = sorted(d for d, s in documents.items() if s == split)
    return [(split, own), *((f"alone-{d}", {d}) for d in alone)]


@dataclass(frozen=True)
class Example:
    """One question's candidates (of its first part) with their features and labels."""

    question: Question
    split: Split
    sentence_ids: list[str]
    features: npt.NDArray[np.float32]
    labels: npt.NDArray[np.bool_]  # candidate answers the question
    answerable: bool  # some sentence of this split's knowledge answers it
    searched: str = ""  # what was searched (a follow-up with what it leans on)
    alone: bool = False  # searched over its document alone


def knowledge_for(wanted: set[str], source: Path, target: Path) -> Path:
    """``target`` made a copy of the documents ``wanted`` (with their translations and
    sidecars)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and path.name.split(".")[0] in wanted:
            shutil.copy2(path, target / path.name)
    return target


def assistant_for(wanted: set[str], name: str, base: Settings, work: Path) -> Assistant:
    """An assistant over the documents ``wanted``, with a store of its own under ``work``."""
    root = work / name
    knowledge = knowledge_for(wanted, base.knowledge_dir, root / "knowledge")
    settings = base.replace(knowledge_dir=knowledge, data_dir=root / "chroma", top_k=1000)
    assistant = Assistant(
        settings,
        _embeddings(settings),
        _store(settings),
        ranker=Ranker.untrained(),
    )
    assistant.ingest(progress=False)
    return assistant


def _embeddings(settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.storage.embeddings import make_embeddings

    return make_embeddings(settings)


def _store(settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.storage.store import Store, open_client

    return Store(open_client(settings), settings.collection)


class _Recorder:
    """A retriever that keeps each search's candidates instead of ranking them."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.found: list[tuple[list[str], npt.NDArray[np.float32], str]] = []

    def index(self) -> LoadedIndex:
        return self.retriever.index()

    def search(self, query: Query) -> Retrieval:
        found = self.retriever.candidates(query)
        self.found.append((found.sentence_ids, found.features, query.searched))
        return Retrieval((), 0.0, 0.0)


def examples(
    assistant: Assistant, questions: list[Question], split: Split, alone: bool = False
) -> list[Example]:
    """Each question's candidates and labels, searched as the assistant would search it."""
    known = set(assistant.retriever.index().rows)
    out = []
    for q in questions:
        settings = assistant.settings
        text = clean_question(q.question, settings.max_question_chars)
        history = [{"role": "user", "content": h} for h in q.history]
        turns = normalize_history(history, max_turns=10, max_chars=settings.max_question_chars)
        asked = without_instructions(text)[0] or text
        recorder = _Recorder(assistant.retriever)
        plan(asked, turns, detect_language(text), recorder)
        sids, features, searched = recorder.found[0]
        answers = set(q.answers) & known
        labels = np.array([sid in answers for sid in sids], dtype=bool)
        out.append(Example(q, split, sids, features, labels, bool(answers), searched, alone))
    return out
