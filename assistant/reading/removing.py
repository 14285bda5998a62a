"""``remove``: take a document out of the knowledge folder, recoverably.

The document's file, its ``.meta.yaml`` sidecar and every translation of it move together to
``<knowledge>/.removed/<time>/`` (hidden, so never indexed), keeping their paths: moving them
back restores the document (:func:`put_back` does, when the index cannot do without it).
Nothing is deleted. A move that fails puts back the files moved before it. Call these inside
:func:`~.adding.changing`.

Before the first file moves, the plan is written to ``<knowledge>/.removing.json``; it is
deleted (:func:`done_removing`) once the index no longer lists the document. A remove killed
in between leaves it behind, so the next command finishes that remove
(:func:`finish_removal`) and refreshes the index instead of citing a document that is gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import IngestError
from .body import SIDECAR
from .documents import slugify
from .files import knowledge_files, read_text

REMOVED = ".removed"
PENDING = ".removing.json"  # a remove whose index refresh has not finished


@dataclass(frozen=True)
class Removed:
    """What ``remove`` moved out of the knowledge folder."""

    name: str  # the document's file, relative to the knowledge folder
    moved: tuple[str, ...]  # every file moved, relative to the knowledge folder
    kept_in: Path  # where they are now


def remove_document(folder: Path, name: str) -> Removed:
    """Move the document ``name`` (its path in the folder, its file name, or its id as
    ``sources`` lists it) and its translations out of ``folder``: all of them, or (when one
    cannot be moved) none, with :class:`IngestError` saying which."""
    files = knowledge_files(folder, [])
    target = _find(folder, files, name)
    moving = [target, *_translations(files, slugify(target.stem), target)]
    moving += [m.with_name(m.name + SIDECAR) for m in moving]
    moving = [m for m in moving if m.is_file() or m.is_symlink()]
    kept_in = _unused(folder / REMOVED / time.strftime("%Y%m%d-%H%M%S"))
    rels = tuple(path.relative_to(folder).as_posix() for path in moving)
    removed = Removed(target.relative_to(folder).as_posix(), rels, kept_in)
    plan = {**asdict(removed), "kept_in": kept_in.relative_to(folder).as_posix()}
    try:
        (folder / PENDING).write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        raise IngestError(
            f"{removed.name} was not removed: {PENDING} cannot be written in {folder} "
            f"({exc.strerror}). Check that the knowledge folder is writable and not full."
        ) from None
    failed = _move_all([(folder / rel, kept_in / rel) for rel in rels])  # the document first
    if failed is None:
        return removed
    done_removing(folder)
    path, reason, undone = failed
    shown = path.relative_to(folder).as_posix()
    if not undone:
        raise IngestError(
            f"{removed.name} was half removed: {shown} could not be moved ({reason}), nor the "
            f"files moved before it back. Move the files in {kept_in} back by hand, then run "
            "`python -m assistant ingest`."
        )
    _prune(kept_in)
    raise IngestError(
        f"{removed.name} was not removed (every file is back in place): {shown} could not be "
        f"moved to {REMOVED}/ ({reason}). Check that its folder is writable and on the same "
        "disk as the knowledge folder."
    )


def put_back(folder: Path, removed: Removed) -> None:
    """Undo :func:`remove_document`: every moved file back where it was (the document itself
    last); :class:`IngestError` naming where they are when that fails."""
    failed = _move_all([(removed.kept_in / rel, folder / rel) for rel in reversed(removed.moved)])
    if failed is not None:
        raise IngestError(
            f"{removed.name} could not be put back ({failed[0].name}: {failed[1]}); its files "
            f"are in {removed.kept_in}. Move them back by hand, then run "
            "`python -m assistant ingest`."
        )


def pending_removal(folder: Path) -> Removed | None:
    """The remove that stopped before the index was refreshed, if one did."""
    try:
        plan = json.loads((folder / PENDING).read_text(encoding="utf-8"))
        removed = Removed(plan["name"], tuple(plan["moved"]), folder / plan["kept_in"])
        inside = removed.kept_in.parent == folder / REMOVED and not any(
            Path(rel).is_absolute() or ".." in Path(rel).parts for rel in removed.moved
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):  # killed while writing it: nothing moved
        inside = False
    if not inside:  # never move files by a plan that remove_document did not write
        done_removing(folder)
        return None
    return removed


def finish_removal(folder: Path, removed: Removed) -> None:
    """Move what an interrupted :func:`remove_document` had not moved yet."""
    rest = [rel for rel in removed.moved if os.path.lexists(folder / rel)]
    rest = [rel for rel in rest if not (removed.kept_in / rel).exists()]
    failed = _move_all([(folder / rel, removed.kept_in / rel) for rel in rest])
    if failed is not None:
        raise IngestError(
            f"{failed[0].name} cannot be moved out with the rest of {removed.name} "
            f"({failed[1]}); they are in {removed.kept_in}."
        )


def done_removing(folder: Path) -> None:
    """The remove is over: the index matches the folder again."""
    (folder / PENDING).unlink(missing_ok=True)


def _move_all(moves: list[tuple[Path, Path]]) -> tuple[Path, str, bool] | None:
    """Make each move ``(source, target)`` in turn. When one fails, those already made are
    undone (newest first); returns the source that failed, why, and whether the undoing
    worked. None when every move was made."""
    made: list[tuple[Path, Path]] = []
    for source, target in moves:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        except OSError as exc:
            try:
                for was, now in reversed(made):
                    os.replace(now, was)
            except OSError:
                return source, exc.strerror or str(exc), False
            return source, exc.strerror or str(exc), True
        made.append((source, target))
    return None


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


def _prune(kept_in: Path) -> None:
    """Delete the folders a failed remove made under ``.removed/`` and left empty."""
    with contextlib.suppress(OSError):
        for path in sorted(kept_in.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            path.rmdir()
        kept_in.rmdir()
        kept_in.parent.rmdir()  # .removed/ itself, unless other removes are kept there
