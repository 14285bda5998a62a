"""``remove``: take a document out of the knowledge folder, recoverably.

The document's file, its ``.meta.yaml`` sidecar and every translation of it move together to
``<knowledge>/.removed/<time>/`` (hidden, so never indexed), keeping their paths: moving them
back restores the document. Nothing is deleted.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from .adding import changing
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
    """Move the document ``name`` (its file name or path in the folder, or its id as
    ``sources`` lists it) and its translations out of ``folder``."""
    with changing(folder):
        files = knowledge_files(folder, [])
        target = _find(folder, files, name)
        slug = slugify(target.stem)
        moving = [target, *_translations(folder, files, slug, target)]
        moving += [m.with_name(m.name + SIDECAR) for m in moving]
        moving = [m for m in moving if m.is_file() or m.is_symlink()]
        if not set(files) - set(moving):
            raise IngestError(
                f"{target.relative_to(folder).as_posix()} is the only document in {folder}, and "
                "the index cannot be empty. Add another document first, then remove this one."
            )
        kept_in = folder / REMOVED / time.strftime("%Y%m%d-%H%M%S")
        kept_in = _unused(kept_in)
        moved = []
        for path in moving:
            rel = path.relative_to(folder)
            (kept_in / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, kept_in / rel)  # the document itself goes first
            moved.append(rel.as_posix())
    return Removed(target.relative_to(folder).as_posix(), tuple(moved), kept_in)


def _find(folder: Path, files: list[Path], name: str) -> Path:
    wanted = name.strip().replace("\\", "/")
    for path in files:
        rel = path.relative_to(folder).as_posix()
        if wanted in (rel, path.name, str(path)) or str(folder / wanted) == str(path):
            return path
    by_slug = [p for p in files if slugify(p.stem) == slugify(Path(wanted).stem)]
    if wanted and len(by_slug) == 1:
        return by_slug[0]
    raise IngestError(
        f"No document {name!r} in {folder}. Give its file name or id as "
        "`python -m assistant sources` lists them."
    )


def _translations(folder: Path, files: list[Path], slug: str, target: Path) -> list[Path]:
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
