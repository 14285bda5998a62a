"""The arrays of an uncompressed ``.npz`` memory-mapped instead of read into memory.

``np.load`` reads a whole ``.npz`` member into memory; at 100k sentences the vectors alone
are 154 MB, of which a question touches a few rows. An ``np.savez`` archive stores each
member as a plain ``.npy`` file inside the zip, so it can be mapped where it lies: pages are
read when used and shared with the page cache instead of counted once per process.
Small members are read as usual.

    >>> import io, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.npz"
    >>> np.savez(path, big=np.arange(300_000, dtype=np.float32), small=np.arange(3))
    >>> arrays = mapped_arrays(path)
    >>> type(arrays["big"]).__name__, float(arrays["big"][-1]), arrays["small"].tolist()
    ('memmap', 299999.0, [0, 1, 2])
    >>> RowReader(arrays["big"].reshape(-1, 3)).take([5, 1]).tolist()
    [[15.0, 16.0, 17.0], [3.0, 4.0, 5.0]]
"""

from __future__ import annotations

import contextlib
import mmap
import os
import struct
import weakref
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MAP_FROM_BYTES = 1 << 20  # members under 1 MB are simply read
_LOCAL_HEADER = 30  # bytes of a zip local file header before its name and extra field


def mapped_arrays(path: Path) -> dict[str, np.ndarray[Any, Any]]:
    """Every array of the ``.npz`` at ``path``, by name; large ones memory-mapped (read-only).
    ``ValueError`` when a member is compressed or not a plain array."""
    out: dict[str, np.ndarray[Any, Any]] = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        for member in archive.infolist():
            name = member.filename.removesuffix(".npy")
            if member.file_size < MAP_FROM_BYTES:
                with archive.open(member) as stream:
                    out[name] = np.lib.format.read_array(stream, allow_pickle=False)
                continue
            if member.compress_type != zipfile.ZIP_STORED:
                raise ValueError(f"member {name} is compressed")
            raw.seek(member.header_offset)
            local = raw.read(_LOCAL_HEADER)
            name_length, extra_length = struct.unpack("<HH", local[26:30])
            raw.seek(member.header_offset + _LOCAL_HEADER + name_length + extra_length)
            version = np.lib.format.read_magic(raw)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(raw)
            else:
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(raw)
            if dtype.hasobject:
                raise ValueError(f"member {name} holds Python objects")
            array = np.memmap(
                path, dtype=dtype, mode="r", shape=shape, offset=raw.tell(),
                order="F" if fortran else "C",
            )  # fmt: skip
            # Rows are read a few at a time, far apart: without this hint, each read pulled
            # in its neighbours too (read-ahead), and 15 answers at 100k made 127 MB resident.
            with contextlib.suppress(AttributeError, OSError, ValueError):
                array._mmap.madvise(mmap.MADV_RANDOM)  # type: ignore[attr-defined]
            out[name] = array
    return out


class RowReader:
    """Rows of a 2-D array, read from the file it is mapped from with ``pread``.

    Reading mapped rows maps whole large pages of the page cache into the process (at 100k
    sentences, 64 scattered vector rows made 88 MB resident); reading them makes 64 rows'
    worth. The file stays open, so the rows are those of the file that was mapped even if
    a newer snapshot replaces it. An array in memory is simply indexed.
    """

    def __init__(self, array: np.ndarray[Any, Any]) -> None:
        self.array = array
        self._file = None
        if isinstance(array, np.memmap) and array.filename and array.flags.c_contiguous:
            self._file = open(array.filename, "rb", buffering=0)  # noqa: SIM115
            weakref.finalize(self, self._file.close)

    def take(self, rows: Sequence[int]) -> np.ndarray[Any, Any]:
        """The rows ``rows``, in that order, as an array in memory."""
        if self._file is None:
            return np.asarray(self.array[list(rows)])
        width, start = self.array.strides[0], int(self.array.offset)  # type: ignore[attr-defined]
        fd = self._file.fileno()
        data = b"".join(os.pread(fd, width, start + row * width) for row in rows)
        return np.frombuffer(data, dtype=self.array.dtype).reshape(len(rows), *self.array.shape[1:])
