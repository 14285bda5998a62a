"""The ranker's training questions as data: loading, checking, and the split by document.

Files (training/DATA_CARD.md says how they were written):

* ``questions/<document>.yaml``: questions written for one pack document's sentences, and
  questions about that document which the pack does not answer (``kind: unanswerable``).
* ``unanswerable.yaml``: on-topic questions no pack sentence answers, tied to no document;
  each has a ``topic`` and goes to the split its topic hashes to.
* ``split.yaml``: each pack document's split (train, dev or test).

A question's ``answers`` are the ids of every pack sentence that answers it (in any document).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

HERE = Path(__file__).parent
QUESTIONS = HERE / "questions"
GENERAL = HERE / "unanswerable.yaml"
SPLIT_FILE = HERE / "split.yaml"

Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")
FORMS = ("short", "full", "paraphrase", "follow_up")
KINDS = ("answer", "unanswerable")
LANGUAGES = ("en", "az", "ru")


@dataclass(frozen=True)
class Question:
    """One training question and every pack sentence that answers it (none: unanswerable)."""

    id: str
    question: str
    language: str
    form: str
    kind: str
    answers: tuple[str, ...]
    history: tuple[str, ...] = ()  # earlier user questions, oldest first (follow-ups)
    document: str = ""  # the pack document it was written for ("" for a general one)
    sentence: str = ""  # the sentence it was written for (``s3``), if any
    topic: str = ""  # general unanswerable questions: what they ask about
    split: Split = "train"

    @property
    def answerable(self) -> bool:
        return self.kind == "answer"


def load_split(path: Path = SPLIT_FILE) -> dict[str, Split]:
    """Document id -> its split."""
    raw: dict[str, str] = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = {d: s for d, s in raw.items() if s not in SPLITS}
    if bad:
        raise ValueError(f"{path.name}: unknown splits {bad}; use one of {SPLITS}")
    return {d: s for d, s in raw.items()}  # type: ignore[misc]


def topic_split(topic: str) -> Split:
    """The split of a general question, by its topic: 60/20/20 by the topic's hash."""
    bucket = int(hashlib.sha256(topic.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket < 2 else "dev" if bucket < 4 else "train"


def load_questions(folder: Path = HERE) -> list[Question]:
    """Every training question, each with its split; a malformed one raises ValueError."""
    split = load_split(folder / "split.yaml")
    out: list[Question] = []
    for path in sorted((folder / "questions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        document = str(data.get("document") or "")
        if document != path.stem:
            raise ValueError(f"{path.name}: 'document' must be {path.stem!r}, not {document!r}")
        if document not in split:
            raise ValueError(f"{path.name}: document {document!r} is not in split.yaml")
        for raw in data.get("questions") or []:
            out.append(_question(raw, path.name, document=document, split=split[document]))
    general = folder / GENERAL.name
    if general.exists():
        data = yaml.safe_load(general.read_text(encoding="utf-8")) or {}
        for raw in data.get("questions") or []:
            topic = str(raw.get("topic") or "")
            if not topic:
                raise ValueError(f"{general.name}: question {raw.get('id')!r} has no topic")
            out.append(_question(raw, general.name, topic=topic, split=topic_split(topic)))
    seen = Counter(q.id for q in out)
    twice = sorted(i for i, n in seen.items() if n > 1)
    if twice:
        raise ValueError(f"question ids used twice: {twice[:10]}")
    return out


def _question(raw: dict[str, Any], where: str, **fields: Any) -> Question:
    qid = str(raw.get("id") or "")
    if not qid:
        raise ValueError(f"{where}: a question has no id: {raw}")
    kind = str(raw.get("kind") or "answer")
    form = str(raw.get("form") or "")
    language = str(raw.get("language") or "")
    answers = tuple(str(a) for a in raw.get("answers") or ())
    history = tuple(str(h) for h in raw.get("history") or ())
    problems = []
    if kind not in KINDS:
        problems.append(f"kind {kind!r} (use one of {KINDS})")
    if form not in FORMS:
        problems.append(f"form {form!r} (use one of {FORMS})")
    if language not in LANGUAGES:
        problems.append(f"language {language!r} (use one of {LANGUAGES})")
    if not str(raw.get("question") or "").strip():
        problems.append("an empty question")
    if kind == "answer" and not answers:
        problems.append("no answers (an answerable question names every sentence that answers)")
    if kind == "unanswerable" and answers:
        problems.append("answers on an unanswerable question")
    if (form == "follow_up") != bool(history):
        problems.append("history must be given for a follow_up, and only for one")
    if problems:
        raise ValueError(f"{where}: question {qid!r} has " + "; ".join(problems))
    sentence = str(raw.get("sentence") or "")
    return Question(
        id=qid,
        question=str(raw["question"]).strip(),
        language=language,
        form=form,
        kind=kind,
        answers=answers,
        history=history,
        sentence=sentence,
        **fields,
    )


def in_split(questions: Iterable[Question], *splits: Split) -> list[Question]:
    return [q for q in questions if q.split in splits]
