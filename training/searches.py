"""Every split's searches (training/collect.py), with the question maps of the tuned dense
signal fitted first (training/adapt.py): the map for dev and test on all training questions,
its strength chosen on dev, and one map per group of training documents for the training
documents' own searches (fitted without them)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant import Assistant, Settings
from assistant.search.adapter import Adapter

from . import adapt
from .collect import Example, assistant_for, contexts, examples, question_vectors
from .data import SPLITS, Question, Split, in_split


@dataclass(frozen=True)
class Searched:
    """Each split's examples, the map the product keeps, and dev's hit@1 by strength."""

    found: dict[Split, list[Example]]
    adapter: Adapter
    strengths: list[tuple[float, float]]  # (strength, dev hit@1 of the tuned signal alone)
    identity: float  # dev hit@1 of the plain dense signal alone


def search_all(
    questions: list[Question], documents: dict[str, Split], base: Settings, work: Path
) -> Searched:
    assistants: dict[str, Assistant] = {}

    def assistant(name: str, wanted: set[str]) -> Assistant:
        if name not in assistants:
            assistants[name] = assistant_for(wanted, name, base, work)
        return assistants[name]

    own = {split: contexts(split, documents)[0] for split in SPLITS}
    train, dev = assistant(*own["train"]), assistant(*own["dev"])
    embedder = train.embeddings.name
    vectors = {**_vectors(train, in_split(questions, "train")),
               **_vectors(dev, in_split(questions, "dev"))}  # fmt: skip
    fitting = _pairs(train, in_split(questions, "train"), vectors)
    choosing = _pairs(dev, in_split(questions, "dev"), vectors)
    tried = [(s, adapt.hit_at_1(adapt.fit(fitting, s, embedder), choosing))
             for s in adapt.STRENGTHS]  # fmt: skip
    strength = max(tried, key=lambda t: t[1])[0]  # the first of equals
    final = adapt.fit(fitting, strength, embedder)
    print(f"question map: strength {strength} (dev hit@1 by strength {tried})", file=sys.stderr)
    groups = adapt.folds(sorted(d for d, s in documents.items() if s == "train"))
    held_out: dict[str, Adapter] = {}
    for group in groups:
        rest = [q for q in in_split(questions, "train") if q.document not in group]
        fold = adapt.fit(_pairs(train, rest, vectors), strength, embedder)
        held_out.update(dict.fromkeys(group, fold))
    found: dict[Split, list[Example]] = {}
    for split in SPLITS:
        found[split] = []
        for name, wanted in contexts(split, documents):
            asked = [q for q in questions if q.document in wanted]
            if name == split:
                asked = in_split(questions, split)
            # a training document's questions through a map fitted without them; the
            # others (dev, test, and general questions the pack does not answer) through
            # the final one
            maps = [held_out.get(q.document, final) for q in asked]
            for map_ in {id(m): m for m in maps}.values():
                mine = [q for q, m in zip(asked, maps, strict=True) if m is map_]
                found[split] += examples(assistant(name, wanted), mine, split,
                                         name != split, map_)  # fmt: skip
        print(f"{split}: {len(found[split])} searches", file=sys.stderr)
    identity = adapt.hit_at_1(Adapter(), choosing)
    return Searched(found, final, tried, identity)


def _vectors(assistant: Assistant, questions: list[Question]) -> dict[str, npt.NDArray[np.float32]]:
    """Question id -> the vector of what its first search would search for."""
    answerable = [q for q in questions if q.answers]
    found = question_vectors(assistant, answerable)
    return dict(zip((q.id for q in answerable), found, strict=True))


def _pairs(
    assistant: Assistant, questions: list[Question], vectors: dict[str, npt.NDArray[np.float32]]
) -> adapt.Pairs:
    asked = [q for q in questions if q.answers]
    return adapt.pairs(assistant.retriever.index(), [vectors[q.id] for q in asked],
                       [set(q.answers) for q in asked])  # fmt: skip
