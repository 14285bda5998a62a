"""``remove``: take a document out of the knowledge folder, recoverably.

The document's file, its ``.meta.yaml`` sidecar and every translation of it move together to
``<knowledge>/.removed/<time>/`` (hidden, so never indexed), keeping their paths: moving them
back restores the document (:func:`put_back` does, when the index cannot do without it).
Nothing is deleted. Call these inside :func:`~.adding.changing`.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from .body import SIDECAR
from .documents import slugify
from .files import knowledge_files, read_text

REMOVED = ".removed"


@dataclass(frozen=True)
class Removed:
    """What ``remove`` moved out of the knowledge folder."""

    name: str  # the document's file, relative to the knowledge folder
    moved: tuple[str, ...]  # every file moved, relative to the knowledge folder
    kept_in: Path  # where they are now


def remove_document(folder: Path, name: str) -> Removed:
    """Move the document ``name`` (its path in the folder, its file name, or its id as
    ``sources`` lists it) and its translations out of ``folder``."""
    files = knowledge_files(folder, [])
    target = _find(folder, files, name)
    moving = [target, *_translations(files, slugify(target.stem), target)]
    moving += [m.with_name(m.name + SIDECAR) for m in moving]
    moving = [m for m in moving if m.is_file() or m.is_symlink()]
    kept_in = _unused(folder / REMOVED / time.strftime("%Y%m%d-%H%M%S"))
    moved = []
    for path in moving:
        rel = path.relative_to(folder)
        (kept_in / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, kept_in / rel)  # the document itself goes first
        moved.append(rel.as_posix())
    return Removed(target.relative_to(folder).as_posix(), tuple(moved), kept_in)


def put_back(folder: Path, removed: Removed) -> None:
    """Undo :func:`remove_document`: every moved file back where it was."""
    for rel in reversed(removed.moved):  # the document itself last
        os.replace(removed.kept_in / rel, folder / rel)


def _find(folder: Path, files: list[Path], name: str) -> Path:
    """The file ``name`` means: exactly its path in the folder, its file name, or its id."""
    wanted = name.strip().replace("\\", "/").removeprefix("./")
    listed = wanted.removeprefix(f"{folder.name}/")  # the path as `sources` prints it
    for match in (
        [p for p in files if p.relative_to(folder).as_posix() == wanted],
        [p for p in files if p.relative_to(folder).as_posix() == listed],
        [p for p in files if p.name == wanted],
        [p for p in files if slugify(p.stem) == wanted],
    ):
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            shown = ", ".join(p.relative_to(folder).as_posix() for p in match)
            raise IngestError(f"{name!r} could mean {shown}. Give the file's path instead.")
    raise IngestError(
        f"No document {name!r} in {folder}. Give its file name or id as "
        "`python -m assistant sources` lists them."
    )


def _translations(files: list[Path], slug: str, target: Path) -> list[Path]:
    """The files that say they translate the document ``slug``."""
    found = []
    for path in files:
        if path == target or path.suffix.lower() not in (".md", ".txt"):
            continue
        try:
            meta, _text = read_text(path, path.name)
        except IngestError:
            continue
        of = meta.get("translation_of")
        if of and slugify(Path(str(of)).stem) == slug:
            found.append(path)
    return found


def _unused(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
