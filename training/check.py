"""``python -m training check``: is the training data sound? Errors fail; warnings are listed.

Checked: every answer names a pack sentence; a question written for a sentence lists it among
its answers; each fact sentence has a question in every language and form (or is listed under
``skipped`` with why); the language a question is written in is the language it is read as;
a paraphrase shares no content word with its sentence in that language; no question is asked
twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from assistant.reading.documents import load_knowledge
from assistant.search.vocabulary import content_words
from assistant.text.language import detect_language
from assistant.text.words import stem

from .data import FORMS, HERE, LANGUAGES, Question, load_questions

# Names that a paraphrase may keep: the event itself has no other name.
_EVENT = {"wuf13", "wuf", "forum", "форум", "forumu", "forumun", "foruma"}


def pack_texts(knowledge: Path) -> dict[str, dict[str, str]]:
    """Sentence id -> language -> text (original and translations)."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for doc in load_knowledge(knowledge):
        for unit in doc.units:
            out[unit.sentence_id][unit.language] = unit.text
    return out


def check(
    questions: list[Question], texts: dict[str, dict[str, str]]
) -> tuple[list[str], list[str]]:
    """(errors, warnings) about ``questions`` over the pack sentences ``texts``."""
    errors: list[str] = []
    warnings: list[str] = []
    for q in questions:
        unknown = [a for a in q.answers if a not in texts]
        if unknown:
            errors.append(f"{q.id}: answers name sentences not in the pack: {unknown}")
        own = f"{q.document}#{q.sentence}" if q.sentence else ""
        if own and q.kind == "answer" and own not in q.answers:
            errors.append(f"{q.id}: written for {own} but does not list it among its answers")
        read_as = detect_language(q.question)
        if read_as != q.language:
            warnings.append(f"{q.id}: written as {q.language}, read as {read_as}: {q.question}")
        if q.form == "paraphrase" and own in texts and q.language in texts[own]:
            shared = _shared(q.question, texts[own][q.language])
            if shared:
                warnings.append(f"{q.id}: paraphrase shares {sorted(shared)}: {q.question}")
    asked = Counter((q.language, q.question.casefold(), q.history) for q in questions)
    for (language, text, _), n in asked.items():
        if n > 1:
            warnings.append(f"asked {n} times ({language}): {text}")
    return errors, warnings


def _shared(question: str, sentence: str) -> set[str]:
    mine = {stem(w) for w in content_words(question)} - _EVENT
    return mine & {stem(w) for w in content_words(sentence)}


def coverage(
    questions: list[Question], texts: dict[str, dict[str, str]], data: Path = HERE
) -> list[str]:
    """Fact sentences of documents with questions that lack a language x form."""
    have: dict[str, set[tuple[str, str]]] = defaultdict(set)
    documents = {q.document for q in questions if q.document}
    for q in questions:
        if q.sentence and q.kind == "answer":
            have[f"{q.document}#{q.sentence}"].add((q.language, q.form))
    skipped = _skipped(data)
    missing = []
    for sid in sorted(texts):
        slug, number = sid.rsplit("#s", 1)
        if slug not in documents or number == "0" or sid in skipped:
            continue
        lacking = [f"{lang}/{form}" for lang in LANGUAGES for form in FORMS
                   if (lang, form) not in have[sid]]  # fmt: skip
        if lacking:
            missing.append(f"{sid}: no question for {', '.join(lacking)}")
    return missing


def _skipped(data: Path) -> set[str]:
    import yaml

    out = set()
    for path in sorted((data / "questions").glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for short in loaded.get("skipped") or {}:
            out.add(f"{path.stem}#{short}")
    return out


def summary(questions: list[Question]) -> str:
    """Counts per split, language, kind and form."""
    rows = Counter((q.split, q.language, q.kind, q.form) for q in questions)
    lines = [f"{len(questions)} questions"]
    for split in ("train", "dev", "test"):
        n = sum(v for k, v in rows.items() if k[0] == split)
        by_lang = {lang: sum(v for k, v in rows.items() if k[0] == split and k[1] == lang)
                   for lang in LANGUAGES}  # fmt: skip
        unans = sum(v for k, v in rows.items() if k[0] == split and k[2] == "unanswerable")
        lines.append(f"  {split}: {n} ({by_lang}), unanswerable {unans}")
    return "\n".join(lines)


def main(knowledge: Path, data: Path = HERE, verbose: bool = True) -> int:
    questions = load_questions(data)
    texts = pack_texts(knowledge)
    errors, warnings = check(questions, texts)
    missing = coverage(questions, texts, data)
    print(summary(questions))
    for line in warnings if verbose else warnings[:20]:
        print("warning:", line)
    for line in missing:
        print("missing:", line)
    for line in errors:
        print("error:", line)
    print(f"{len(errors)} errors, {len(warnings)} warnings, {len(missing)} sentences lacking forms")
    return 1 if errors else 0
