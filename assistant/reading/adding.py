"""``add``: bring a file or a web address into the knowledge folder, checked before it lands.

* The document is read exactly as ingest will read it (:func:`~.body.read_body`) while it
  sits in a hidden staging folder; a file that cannot be used never enters the folder.
* It lands under a stable, readable name: a file keeps its own name (made safe); a download
  is named ``<date>-<title>`` from what the page says. A name whose document id is taken by
  other content gets the content's short hash.
* The same content twice adds nothing: every document already in the folder is compared by
  its bytes' hash.
* A second translation of a document into a language it already has one in is refused: a
  file added later never replaces the one in the folder (the project's, say).
* A file moves in with one rename (its ``.meta.yaml`` sidecar first), so the folder never
  holds half a document. Downloads get a sidecar recording their URL.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IngestError
from .body import SIDECAR, read_body
from .documents import slugify, translation_key
from .download import download
from .files import DEFAULT_CAPS, SUFFIXES, Caps, knowledge_files, read_bytes
from .frontmatter import sidecar_bytes

STAGING_PREFIX = ".adding-"
MAX_NAME_BYTES = 120  # far below the 255 bytes a file name may take, hash and sidecar added
LOCK_WAIT_SECONDS = 120.0


@dataclass(frozen=True)
class Added:
    """What ``add`` did with one path or URL."""

    source: str  # as given
    name: str = ""  # file name in the knowledge folder (new, or the one already holding it)
    duplicate: bool = False  # the same content was already there: nothing added
    translates: str = ""  # for a translation: the document it translates (translation_of)
    error: str = ""  # one line, when it could not be added

    @property
    def added(self) -> bool:
        """Whether this source is now a new document (or translation) in the folder."""
        return bool(self.name) and not self.duplicate and not self.error


@dataclass
class _Folder:
    """What the knowledge folder holds, kept up to date while files are added."""

    known: dict[str, str] = field(default_factory=dict)  # content hash -> file
    ids: set[str] = field(default_factory=set)  # document ids in use
    translations: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, lang) -> file


def add_sources(
    folder: Path, sources: list[str], timeout: float, caps: Caps = DEFAULT_CAPS
) -> list[Added]:
    """Add each of ``sources`` (file paths or http(s) URLs) to ``folder``; one that cannot be
    added is reported and does not stop the others. Call it inside :func:`changing`."""
    results = []
    contents = _contents(folder)
    for source in sources:
        try:
            result = _add_one(folder, source, timeout, contents, caps)
        except IngestError as exc:
            result = Added(source, error=str(exc))
        results.append(result)
    return results


def take_back(folder: Path, added: Added, reason: str) -> Added:
    """Delete a file just added (and its sidecar) that could not be indexed after all; the
    report says why."""
    for path in (folder / added.name, folder / (added.name + SIDECAR)):
        path.unlink(missing_ok=True)
    error = f"{shown_source(added.source)} was not added: {reason}"
    return Added(added.source, added.name, error=error)


@contextmanager
def changing(folder: Path) -> Iterator[None]:
    """One change to ``folder`` at a time (across processes); leftovers of a change that was
    interrupted are cleared first."""
    from filelock import FileLock, Timeout

    if not folder.is_dir():
        raise IngestError(f"Knowledge folder {str(folder)!r} does not exist. Create it first.")
    lock = FileLock(folder / ".changing.lock", timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise IngestError(
            f"Another add or remove has been changing {folder} for over "
            f"{LOCK_WAIT_SECONDS:.0f} s. Wait for it to finish, then try again."
        ) from None
    except OSError as exc:
        raise IngestError(
            f"Cannot change the knowledge folder {folder}: {exc.strerror}. Check its "
            "permissions, or set ASSISTANT_KNOWLEDGE_DIR to a folder you can write."
        ) from None
    try:
        for stale in folder.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        lock.release()


def _add_one(folder: Path, source: str, timeout: float, contents: _Folder, caps: Caps) -> Added:
    """Add one source; ``contents`` describes the folder and is kept up to date."""
    side_data: bytes | None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        got = download(source, timeout)
        data, suffix, name, url = got.data, got.suffix, got.name, got.url
        side_data = _url_sidecar(url)
    else:
        path = Path(source).expanduser()
        data, suffix, name = _local(path, source), path.suffix.lower(), path.name
        url = ""
        side = path.with_name(path.name + SIDECAR)
        usable = len(side.name.encode()) < 256 and side.is_file()
        side_data = sidecar_bytes(side, shown_source(str(side))) if usable else None
    digest = hashlib.sha256(data).hexdigest()
    if digest in contents.known:
        return Added(source, contents.known[digest], duplicate=True)
    staging = _staging(folder, source)
    try:
        staged = _stage(staging, "document" + suffix, data, side_data, source)
        body = read_body(staged, shown_source(source), caps)
        _check_translation(body.meta, source, url, contents)
        if url:
            name = _page_name(str(body.meta.get("published") or ""), body.title, name) + suffix
        final = _free_name(folder, _safe_name(name, suffix), digest, contents.ids)
        _move_in(staged, folder, final, source)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    contents.known[digest] = final
    contents.ids.add(slugify(Path(final).stem))
    if body.meta.get("translation_of"):
        contents.translations[translation_key(body.meta)] = final
    return Added(source, final, translates=str(body.meta.get("translation_of") or ""))


def _check_translation(meta: dict[str, Any], source: str, url: str, contents: _Folder) -> None:
    """A translation may not be downloaded, nor be a second one into the same language."""
    if not meta.get("translation_of"):
        return
    if url:
        raise IngestError(
            f"{shown_source(source)} calls itself a translation of {meta['translation_of']!r}; a "
            "downloaded document may not speak for another one. Check it, save it and add "
            "the file."
        )
    target, language = translation_key(meta)
    existing = contents.translations.get((target, language))
    if existing:
        raise IngestError(
            f"{shown_source(source)} is a {language!r} translation of {meta['translation_of']!r}, "
            f"which already has one ({existing}); a second one is never added. Remove "
            f"{existing} first if this one should replace it."
        )


def _staging(folder: Path, source: str) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise _cannot_write(folder, exc, source) from None


def _stage(staging: Path, name: str, data: bytes, side_data: bytes | None, source: str) -> Path:
    """Write the document (and its sidecar) to the staging folder; a full disk is one line."""
    staged = staging / name
    try:
        staged.write_bytes(data)
        if side_data is not None:
            (staging / (name + SIDECAR)).write_bytes(side_data)
    except OSError as exc:  # no space left, a file size limit (EFBIG), a quota...
        raise _cannot_write(staging.parent, exc, source) from None
    return staged


def _move_in(staged: Path, folder: Path, final: str, source: str) -> None:
    """Move the staged file into the folder, its sidecar first (one rename each)."""
    side_staged, side = staged.with_name(staged.name + SIDECAR), folder / (final + SIDECAR)
    try:
        if side_staged.exists():
            os.replace(side_staged, side)
        os.replace(staged, folder / final)
    except OSError as exc:
        side.unlink(missing_ok=True)
        raise _cannot_write(folder, exc, source) from None


def _cannot_write(folder: Path, exc: OSError, source: str) -> IngestError:
    return IngestError(
        f"Cannot write {shown_source(source)} to the knowledge folder {folder}: "
        f"{exc.strerror or exc}. Free some space (or raise the file size limit) and add it "
        "again; nothing was added."
    )


def _page_name(published: str, title: str, fallback: str) -> str:
    """``<date>-<title>`` of a downloaded page (the date once, if the title starts with it)."""
    day = re.match(r"\d{4}-\d{2}-\d{2}", published)
    date = day.group(0) if day else ""
    dated = title if not date or title.startswith(date) else f"{date}-{title}"
    return dated.strip("-") or Path(fallback).stem or "page"


def _local(path: Path, source: str) -> bytes:
    try:
        return _read_local(path, source)
    except OSError as exc:  # a name too long for the file system, a vanished file...
        raise IngestError(f"Cannot read {shown_source(source)}: {exc.strerror}.") from None


def _read_local(path: Path, source: str) -> bytes:
    if not path.exists():
        raise IngestError(f"{source} does not exist. Give the path of a file, or a URL.")
    if path.is_dir():
        raise IngestError(
            f"{source} is a folder. Add its files one by one (e.g. `add {source}/*.pdf`)."
        )
    if not path.is_file():  # a FIFO or a device would block or never end
        raise IngestError(f"{source} is not a regular file. Give the path of a document.")
    if path.suffix.lower() not in SUFFIXES:
        raise IngestError(
            f"{source}: {path.suffix or 'files without an extension'} is not a supported "
            f"format. Supported: {', '.join(SUFFIXES)}."
        )
    return read_bytes(path, source)


def _contents(folder: Path) -> _Folder:
    """Content hash → file name (relative) of every document in ``folder``, the document ids
    in use, and the translations there are: the folder is walked once per add."""
    files = knowledge_files(folder, [])
    contents = _Folder(ids={slugify(path.stem) for path in files})
    for path in files:
        rel = path.relative_to(folder).as_posix()
        try:
            contents.known[hashlib.sha256(path.read_bytes()).hexdigest()] = rel
            if path.suffix.lower() in (".md", ".txt"):
                meta = read_body(path, rel).meta
                if meta.get("translation_of"):
                    contents.translations[translation_key(meta)] = rel
        except (OSError, IngestError):
            continue  # ingest reports it
    return contents


def _safe_name(name: str, suffix: str) -> str:
    """A readable file name with no path, no hidden dot, and no characters shells trip on."""
    stem = name[: -len(suffix)] if name.lower().endswith(suffix) else Path(name).stem
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE).strip("-._")
    while len(stem.encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("-._") or "document"
    return stem + suffix


def _free_name(folder: Path, name: str, digest: str, ids: set[str]) -> str:
    """``name``, or ``<stem>-<hash8><suffix>`` when its file name or document id is taken."""
    taken = ids | {p.name.lower() for p in folder.iterdir()}
    stem, suffix = name[: -len(Path(name).suffix)], Path(name).suffix
    free = {name.lower(), (name + SIDECAR).lower(), slugify(stem)}.isdisjoint(taken)
    if free:  # (a sidecar left behind must not describe the new file)
        return name
    return f"{stem}-{digest[:8]}{suffix}"


def _url_sidecar(url: str) -> bytes:
    import yaml

    return yaml.safe_dump({"url": url}, allow_unicode=True).encode("utf-8")


def shown_source(source: str) -> str:
    """A file or address as messages name it: cut to 120 characters."""
    return source if len(source) <= 120 else source[:117] + "..."
