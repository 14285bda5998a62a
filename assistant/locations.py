"""Where things live when the settings do not say: the knowledge pack and the index.

* The knowledge pack ships inside the package (``assistant.pack``, built from the project's
  ``knowledge/`` folder): in a checkout it *is* that folder, in an installed wheel it is
  package data, read-only by convention.
* The index and everything else the assistant writes go to the user's data directory
  (``platformdirs``: ``~/.local/share/wuf13-assistant`` on Linux).
* Documents a user adds to an installed assistant go to ``<data directory>/knowledge``,
  which starts as a copy of the pack; once it exists it is the default knowledge folder.

Nothing here runs at import time.
"""

from __future__ import annotations

import importlib.resources
import shutil
import sysconfig
from pathlib import Path

from .errors import IngestError

APP = "wuf13-assistant"


def user_data_dir() -> Path:
    """The user's data directory for the assistant (not created here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def bundled_knowledge() -> Path:
    """The knowledge pack shipped with the package."""
    return Path(str(importlib.resources.files("assistant.pack")))


def is_installed(path: Path) -> bool:
    """Whether ``path`` lies inside the interpreter's installed packages (not a checkout)."""
    paths = sysconfig.get_paths()
    roots = {Path(paths[key]).resolve() for key in ("purelib", "platlib")}
    resolved = path.resolve()
    return any(resolved.is_relative_to(root) for root in roots)


def user_knowledge_dir() -> Path:
    """Where documents added to an installed assistant go."""
    return user_data_dir() / "knowledge"


def default_knowledge_dir() -> Path:
    """The knowledge folder used when none is set: the pack, or in an installed assistant
    the user's own copy of it once documents have been added."""
    pack = bundled_knowledge()
    own = user_knowledge_dir()
    if is_installed(pack) and own.is_dir():
        return own
    return pack


def default_data_dir() -> Path:
    """The embedded Chroma directory used when none is set."""
    return user_data_dir() / "chroma"


def writable_knowledge_dir(folder: Path) -> tuple[Path, bool]:
    """The folder ``add`` and ``remove`` change for the knowledge folder ``folder``, and
    whether it was just created: the installed pack is never written to; the user's copy of
    it is made on first use instead."""
    if not is_installed(folder) or folder.resolve() != bundled_knowledge().resolve():
        return folder, False
    own = user_knowledge_dir()
    if own.is_dir():
        return own, False
    if own.exists():
        raise IngestError(
            f"{own} is a file where your copy of the knowledge pack belongs. Move it away, or "
            "set ASSISTANT_KNOWLEDGE_DIR to a folder of your own."
        )
    staging = own.with_name(f".{own.name}.copying")
    try:
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging)
        elif staging.exists() or staging.is_symlink():
            staging.unlink()
        shutil.copytree(folder, staging, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        staging.replace(own)  # the copy appears whole or not at all
    except OSError as exc:
        raise IngestError(
            f"Cannot copy the knowledge pack to {own}: {exc.strerror or exc}. Check that folder's "
            "permissions, or set ASSISTANT_KNOWLEDGE_DIR to a folder of your own."
        ) from None
    return own, True
