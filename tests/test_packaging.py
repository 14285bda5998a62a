"""Installed, it works from any folder: the wheel carries the knowledge pack, and the CLI, the
module entry points and the evals answer from an empty folder, with the index in the user
data directory. The wheel is built and installed here, in a fresh virtual environment whose
dependencies come from the test environment (nothing is downloaded)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ARTICLE, ROOT, gives_the_dates

pytestmark = pytest.mark.slow
NOT_SOURCE = (".git", ".venv", ".data", "build", "*.egg-info", "__pycache__", ".*_cache",
              "test-artifacts", "reports")  # fmt: skip


def test_every_package_folder_is_in_the_wheel() -> None:
    """A new folder under assistant/ that pyproject does not list would be missing when
    installed (the list is explicit because the pack lives outside the package)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for top in ("assistant", "evals")
        for p in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
    assert config["tool"]["setuptools"]["package-dir"]["assistant.pack"] == "knowledge"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A virtual environment with the project's wheel installed; yields its bin folder and an
    environment whose user data directory is empty."""
    root = tmp_path_factory.mktemp("installed")
    source = root / "source"  # a copy: building writes build/ beside the sources
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(root / "dist"), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((root / "dist").glob("*.whl"))
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    site = next(venv.glob("lib/python*/site-packages"))
    # The dependencies: the test environment's own packages, after the venv's own.
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-index",
         str(wheel)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ASSISTANT_") and key != "PYTHONPATH"
    }
    env["XDG_DATA_HOME"] = str(root / "data-home")
    yield venv / "bin", env


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_installed_assistant_answers_from_an_empty_folder(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    empty = tmp_path / "empty"
    empty.mkdir()
    where = run([str(bin_dir / "python"), "-c", "import assistant; print(assistant.__file__)"],
                env, empty)  # fmt: skip
    assert where.stdout.startswith(str(bin_dir.parent)), where.stdout + where.stderr
    answer = run([str(bin_dir / "wuf13-assistant"), "ask", "When and where is WUF13?"], env, empty)
    assert answer.returncode == 0, answer.stderr
    assert gives_the_dates(answer.stdout) and re.search(r"\.md §\d+ — ", answer.stdout)
    russian = run(
        [str(bin_dir / "python"), "-m", "assistant", "ask",
         "Где прошел первый Национальный градостроительный форум Казахстана?"],
        env, empty,
    )  # fmt: skip
    assert russian.returncode == 0 and "Кызылорд" in russian.stdout, russian.stderr
    assert list(empty.iterdir()) == []  # nothing written where the user stands
    data = Path(env["XDG_DATA_HOME"]) / "wuf13-assistant"
    assert (data / "chroma").is_dir()
    listed = run([str(bin_dir / "python"), "-m", "assistant", "sources"], env, empty).stdout
    assert listed.count(" sentences") >= 20  # the whole pack, not only the seed article


def test_installed_evals_run_from_an_empty_folder(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    done = run([str(bin_dir / "python"), "-m", "evals", "--suite", "seed"], env, tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert list(tmp_path.iterdir()) == []
    reports = Path(env["XDG_DATA_HOME"]) / "wuf13-assistant" / "evals" / "reports"
    assert any(reports.glob("*.md")), done.stdout[-1000:]


def test_installed_add_copies_the_pack_and_never_writes_the_package(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    from . import samples_html as web

    bin_dir, env = installed
    page = tmp_path / "volunteers.html"
    page.write_bytes(web.english_news_html())
    pack = next(bin_dir.parent.glob("lib/python*/site-packages/assistant/pack"))
    before = sorted(p.name for p in pack.iterdir())
    done = run([str(bin_dir / "wuf13-assistant"), "add", str(page)], env, tmp_path)
    assert done.returncode == 0, done.stderr
    own = Path(env["XDG_DATA_HOME"]) / "wuf13-assistant" / "knowledge"
    assert f"copied to {own}" in done.stdout and "Added volunteers.html" in done.stdout
    assert (own / "volunteers.html").is_file() and (own / f"{ARTICLE}.md").is_file()
    assert sorted(p.name for p in pack.iterdir()) == before
    answer = run(
        [str(bin_dir / "wuf13-assistant"), "ask", "How many volunteers will help guests?"],
        env, tmp_path,
    )  # fmt: skip
    assert "1,500" in answer.stdout and "volunteers.html" in answer.stdout, answer.stdout
