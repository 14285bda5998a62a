"""A process updating the index is killed (SIGKILL) at each step of a one-document update;
every restart answers from the old index or the new one, never a mix, and nothing is lost."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.reading.documents import read_knowledge

from .conftest import KNOWLEDGE, ROOT

pytestmark = pytest.mark.slow

NOTE = "---\ntitle: Volunteers\nlanguage: en\n---\n\nWUF13 volunteers meet at gate 3.\n"
QUESTION = "Where do WUF13 volunteers meet?"
# The update process runs with one step held (it prints the step's name and sleeps there),
# so that the test kills it at exactly that step: after the delta collection is created,
# once it is written but before the switch, after the switch, and while the new revision's
# snapshot is being put in place.
HOLD = """
import os, sys, time
from assistant.storage import snapshot
from assistant.storage.store import Store
from assistant.cli import main

step = sys.argv[1]
def hold(name):
    if name == step:
        print("HOLD", flush=True)
        time.sleep(60)

begin, commit, rename = Store.begin_delta, Store.commit_delta, snapshot.os.replace
def begin_delta(self, base):
    collection = begin(self, base)
    hold("delta created")
    return collection
def commit_delta(self, *args):
    hold("delta written")
    info = commit(self, *args)
    hold("switched")
    return info
def replace(source, target):
    if str(target).endswith(".r1.npz"):
        hold("snapshot")
    return rename(source, target)
Store.begin_delta, Store.commit_delta, snapshot.os.replace = begin_delta, commit_delta, replace
sys.exit(main(["ingest", "--quiet"]))
"""
STEPS = ["delta created", "delta written", "switched", "snapshot"]


def records_of(knowledge: Path) -> dict[str, str]:
    return {
        u.record_id: u.content_hash for d in read_knowledge(knowledge).documents for u in d.units
    }


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built index of the seed knowledge, copied for each kill."""
    root = tmp_path_factory.mktemp("kill")
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    Assistant.from_settings(Settings(knowledge_dir=root / "knowledge", data_dir=root / "db"))
    return root


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_of_an_update_leaves_old_or_new(
    before: Path, tmp_path: Path, step: str
) -> None:
    knowledge, data = tmp_path / "knowledge", tmp_path / "db"
    shutil.copytree(before / "knowledge", knowledge)
    shutil.copytree(before / "db", data)
    old = records_of(knowledge)
    (knowledge / "volunteers.md").write_text(NOTE, encoding="utf-8")
    new = records_of(knowledge)
    script = tmp_path / "hold.py"
    script.write_text(HOLD, encoding="utf-8")
    env = {"ASSISTANT_KNOWLEDGE_DIR": str(knowledge), "ASSISTANT_DATA_DIR": str(data)}
    proc = subprocess.Popen(
        [sys.executable, str(script), step], cwd=ROOT, env={**_base_env(), **env},
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "HOLD", f"the update never reached {step!r}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    settings = Settings(knowledge_dir=knowledge, data_dir=data)
    restarted = Assistant.from_settings(settings, ensure_index=False)
    index = restarted.retriever.index()
    seen = {rid: unit.content_hash for rid, unit in index.units.items()}
    expected = new if step in ("switched", "snapshot") else old
    assert seen == expected  # the whole old index or the whole new one
    answer = restarted.ask(QUESTION).text
    assert ("gate 3" in answer) == (expected == new)
    report = restarted.ingest(progress=False)  # nothing is lost: the change goes in
    assert report.records == len(new)
    again = Assistant.from_settings(settings, ensure_index=False)
    assert {r: u.content_hash for r, u in again.retriever.index().units.items()} == new
    assert "gate 3" in again.ask(QUESTION).text
    names = {c.name for c in again.store.client.list_collections()}
    assert names == {layer.name for layer in again.store.active().layers}  # type: ignore[union-attr]


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
