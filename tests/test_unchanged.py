"""Files unchanged since the last read (same size and modification time) are recalled from the
memo, not read again; what comes back is what reading every file gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from assistant.reading import documents
from assistant.reading.documents import read_knowledge
from assistant.reading.files import Caps
from assistant.reading.unchanged import FileMemo


def backdate(folder: Path, seconds: float = 60) -> None:
    """Files written more than a moment before they are read (a just-written file is racy)."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (then, then))


def counted(monkeypatch: MonkeyPatch) -> list[str]:
    """The files read (not recalled) from now on, by their path in the folder."""
    read: list[str] = []
    real = documents.read_body

    def read_body(path: Path, rel: str, caps: Caps) -> documents.Body:
        read.append(rel)
        return real(path, rel, caps)

    monkeypatch.setattr(documents, "read_body", read_body)
    return read


def translations(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if "translation_of:" in p.read_text("utf-8")}


def test_only_changed_files_are_read_and_the_result_is_a_full_read(
    knowledge: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    memo = tmp_path / "snapshots" / "files.json"
    for name in ("volunteers", "transport"):
        text = f"WUF13 {name} are described here. Each {name} note has two sentences."
        (knowledge / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n\n{text}\n", "utf-8")

    def with_memo() -> documents.Knowledge:
        return read_knowledge(knowledge, Caps(), FileMemo(memo, knowledge, Caps()))

    backdate(knowledge)
    first = with_memo()
    read = counted(monkeypatch)
    again = with_memo()
    assert set(read) == translations(knowledge)  # read with the originals they translate
    assert again == first == read_knowledge(knowledge)
    changed = knowledge / "volunteers.md"
    changed.write_text(changed.read_text("utf-8").replace("two", "2"), "utf-8")
    (knowledge / "transport.md").unlink()
    read.clear()
    again = with_memo()
    assert set(read) == {changed.name, *translations(knowledge)}
    assert again == read_knowledge(knowledge) and again != first
    read.clear()
    with_memo()  # just written: racy, so read again until it is older than a moment
    assert changed.name in read
    backdate(knowledge)
    with_memo()
    read.clear()
    again = with_memo()
    assert set(read) == translations(knowledge)
    assert again == read_knowledge(knowledge)


def test_a_damaged_or_foreign_memo_only_costs_the_speed_up(
    knowledge: Path, tmp_path: Path, monkeypatch: MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    memo = tmp_path / "files.json"
    backdate(knowledge)
    read_knowledge(knowledge, Caps(), FileMemo(memo, knowledge, Caps()))
    read = counted(monkeypatch)
    fewer = Caps(max_sentences=40)  # another reading of the same files: nothing recalled
    again = read_knowledge(knowledge, fewer, FileMemo(memo, knowledge, fewer))
    assert len(read) == len(list(knowledge.iterdir()))
    assert again == read_knowledge(knowledge, fewer)
    memo.write_text(memo.read_text("utf-8")[:-100], "utf-8")
    read.clear()
    again = read_knowledge(knowledge, Caps(), FileMemo(memo, knowledge, Caps()))
    assert len(read) == len(list(knowledge.iterdir())) and "Ignoring" in caplog.text
    assert again == read_knowledge(knowledge)
