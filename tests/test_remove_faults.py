"""`remove` all or nothing: a remove killed (SIGKILL) between moving files out and refreshing
the index is finished by the next command, and a move that fails puts back what was moved.
Each case runs the CLI as a user does, in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, Settings

from .conftest import ARTICLE, KNOWLEDGE, ROOT, unprivileged

pytestmark = pytest.mark.slow

NOTE = (
    "---\ntitle: Volunteers\nlanguage: en\n---\n\nWUF13 volunteers meet at gate 3 of the stadium.\n"
)
NOTE_RU = (
    "---\ntranslation_of: volunteers.md\nlanguage: ru\ntranslated_by: the test\n---\n"
    "[s0] Волонтёры\n[s1] Волонтёры WUF13 встречаются у ворот 3 стадиона.\n"
)
QUESTION = "Where do WUF13 volunteers meet?"
# The remove runs with one moment held (it prints HOLD and sleeps there), so that the test
# kills it exactly there: once every file is moved out but before the index is refreshed, or
# after the document moved and before its translation did.
HOLD = """
import os, sys, time
from assistant import Assistant
from assistant.cli import main

step, name = sys.argv[1], sys.argv[2]
def hold(*_, **__):
    print("HOLD", flush=True)
    time.sleep(60)

if step == "files moved":
    Assistant.ingest = hold
else:
    replace, moved = os.replace, []
    def one_then_hold(source, target):
        if "/.removed/" in str(target):
            if moved:
                hold()
            moved.append(source)
        replace(source, target)
    os.replace = one_then_hold
sys.exit(main(["remove", name]))
"""


def cli(*args: str, env: dict[str, str], as_user: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "assistant", *args]
    return subprocess.run(
        unprivileged(command) if as_user else command,
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def environment(knowledge: Path, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return {**env, "ASSISTANT_KNOWLEDGE_DIR": str(knowledge), "ASSISTANT_DATA_DIR": str(data)}


def listed(env: dict[str, str]) -> tuple[list[str], str]:
    """The files `sources` lists, and what it said on stderr."""
    done = cli("sources", "--json", env=env)
    assert done.returncode == 0, done.stderr
    return sorted(Path(row["path"]).name for row in json.loads(done.stdout)), done.stderr


@pytest.mark.parametrize("step", ["files moved", "half moved", "last document"])
def test_a_killed_remove_is_finished_by_the_next_command(tmp_path: Path, step: str) -> None:
    knowledge, data = tmp_path / "knowledge", tmp_path / "db"
    shutil.copytree(KNOWLEDGE, knowledge)
    if step != "last document":
        (knowledge / "volunteers.md").write_text(NOTE, encoding="utf-8")
        (knowledge / "volunteers.ru.md").write_text(NOTE_RU, encoding="utf-8")
    name = f"{ARTICLE}.md" if step == "last document" else "volunteers.md"
    Assistant.from_settings(Settings(knowledge_dir=knowledge, data_dir=data))
    env = environment(knowledge, data)
    script = tmp_path / "hold.py"
    script.write_text(HOLD, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), "half moved" if step == "half moved" else "files moved", name],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "HOLD", f"the remove never reached {step!r}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not (knowledge / name).exists()  # killed with the document out of the folder

    files, said = listed(env)  # the next command notices, and finishes or undoes the remove
    if step == "last document":  # the index cannot do without it: it is put back
        assert files == [f"{ARTICLE}.md"] and (knowledge / name).is_file()
        assert "An interrupted remove could not be finished" in said and "back in place" in said
        return
    assert files == [f"{ARTICLE}.md"]
    assert "An interrupted remove of volunteers.md was finished" in said
    assert sorted(p.name for p in knowledge.glob("volunteers*")) == []
    kept = sorted(p.name for p in (knowledge / ".removed").rglob("volunteers*"))
    assert kept == ["volunteers.md", "volunteers.ru.md"]
    asked = cli("ask", QUESTION, "--json", env=env)
    assert (
        asked.returncode == 0 and asked.stderr == ""
    )  # said once, by the command that finished it
    cited = [c["doc_path"] for c in json.loads(asked.stdout)["citations"]]
    assert not [path for path in cited if "volunteers" in path]
    again = cli("remove", "volunteers.md", env=env)
    assert again.returncode == 2 and again.stderr.startswith("error: No document 'volunteers.md'")


def test_a_move_that_fails_puts_back_every_file(shared_tmp: Path) -> None:
    """A translation in a folder the user cannot write (as a read-only mount would be): the
    document moved first is put back, and one line says which file could not move."""
    knowledge, data = shared_tmp / "knowledge", shared_tmp / "db"
    shutil.copytree(KNOWLEDGE, knowledge)
    (knowledge / "volunteers.md").write_text(NOTE, encoding="utf-8")
    (knowledge / "locked").mkdir()
    (knowledge / "locked" / "volunteers.ru.md").write_text(NOTE_RU, encoding="utf-8")
    data.mkdir()
    for path in [knowledge, *knowledge.rglob("*"), data]:
        path.chmod(0o755 if path.name == "locked" else 0o777 if path.is_dir() else 0o666)
    env = {**environment(knowledge, data), "HOME": str(shared_tmp)}
    assert cli("ingest", "--quiet", env=env, as_user=True).returncode == 0
    before = sorted(p.relative_to(knowledge).as_posix() for p in knowledge.rglob("*"))

    done = cli("remove", "volunteers.md", env=env, as_user=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "error: volunteers.md was not removed (every file is back in place): "
        "locked/volunteers.ru.md could not be moved to .removed/ (Permission denied). Check "
        "that its folder is writable and on the same disk as the knowledge folder."
    ]
    after = sorted(p.relative_to(knowledge).as_posix() for p in knowledge.rglob("*"))
    assert [p for p in after if p not in (".changing.lock",)] == before
    files, said = listed({**env})
    assert "volunteers.md" in files and said == ""


def test_a_plan_naming_files_outside_the_folder_is_never_acted_on(tmp_path: Path) -> None:
    """A `.removing.json` that remove did not write (hand-made, or pointing out of the
    folder) moves nothing: the next command drops it and the files stay where they are."""
    knowledge, data = tmp_path / "knowledge", tmp_path / "db"
    shutil.copytree(KNOWLEDGE, knowledge)
    (knowledge / "volunteers.md").write_text(NOTE, encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("Not part of the knowledge.\n", encoding="utf-8")
    env = environment(knowledge, data)
    assert cli("ingest", "--quiet", env=env).returncode == 0
    for plan in (
        {"name": "volunteers.md", "moved": ["../outside.md"], "kept_in": ".removed/x"},
        {"name": "volunteers.md", "moved": ["volunteers.md"], "kept_in": "../elsewhere"},
        {"name": "volunteers.md"},  # cut short
    ):
        (knowledge / ".removing.json").write_text(json.dumps(plan), encoding="utf-8")
        files, said = listed(env)
        assert files == sorted([f"{ARTICLE}.md", "volunteers.md"]) and said == ""
        assert outside.is_file() and (knowledge / "volunteers.md").is_file()
        assert not (knowledge / ".removing.json").exists()
        assert not (tmp_path / "elsewhere").exists()
