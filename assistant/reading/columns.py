"""An index's units held as columns, each :class:`~assistant.values.Unit` made when first
asked for: a question needs a few dozen of them, and making all 100k of a large index took
0.9 s of every start (docs/BENCHMARKS.md).

    >>> from assistant.values import DocumentInfo, Unit
    >>> doc = DocumentInfo("d", "T", "k/d.md")
    >>> units = [Unit(f"d#s{i}", f"d#s{i}", i, f"S{i}.", "en", False, f"S{i}.", "h", doc)
    ...          for i in range(3)]
    >>> table = UnitColumns.from_units(units)
    >>> table.key_columns()[1] == ["h", "h", "h"] and not table._made  # no unit made
    True
    >>> table == tuple(units) and list(table) == units
    True
    >>> table.record_ids == ["d#s0", "d#s1", "d#s2"]
    True
    >>> import numpy as np
    >>> [u.text for u in table.edited(np.array([True, False, True]), units[1:2])]
    ['S0.', 'S2.', 'S1.']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from ..values import DocumentInfo, Unit
from .records import _TYPES, UNIT_FIELDS, to_columns

_COLUMNS = ("record_id", "text", "doc", *UNIT_FIELDS)


class UnitColumns(Sequence[Unit]):
    """Units as the columns of :func:`~assistant.reading.records.to_columns` (JSON-ready)."""

    def __init__(self, columns: Mapping[str, Any]) -> None:
        size = len(columns["record_id"])
        if any(len(columns[name]) != size for name in _COLUMNS):
            raise ValueError("unit columns differ in length")
        self.columns = dict(columns)
        self.docs = [DocumentInfo(*fields) for fields in columns["docs"]]
        self.record_ids: list[str] = columns["record_id"]
        self.sentence_ids: list[str] = columns["sentence_id"]
        self._made: dict[int, Unit] = {}

    @classmethod
    def from_units(cls, units: Sequence[Unit]) -> UnitColumns:
        return cls(to_columns(units))

    def __len__(self) -> int:
        return len(self.record_ids)

    @overload
    def __getitem__(self, row: int) -> Unit: ...

    @overload
    def __getitem__(self, row: slice) -> list[Unit]: ...

    def __getitem__(self, row: int | slice) -> Unit | list[Unit]:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        unit = self._made.get(row)
        if unit is None:
            unit = self._made[row] = self._make(row)
        return unit

    def __iter__(self) -> Iterator[Unit]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same units: other columns, or a tuple of them."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # unhashable, as a list: equal by value

    def _make(self, row: int) -> Unit:
        columns = self.columns
        values = {name: _TYPES.get(name, str)(columns[name][row]) for name in UNIT_FIELDS}
        values["original_text"] = values["original_text"] or columns["text"][row]
        return Unit(
            record_id=self.record_ids[row], text=columns["text"][row],
            doc=self.docs[columns["doc"][row]], **values,
        )  # fmt: skip

    def key_columns(self) -> tuple[list[str], list[str], list[str], list[str]]:
        """Record ids, content hashes, texts and sentence ids, read without making units."""
        c = self.columns
        return self.record_ids, c["content_hash"], c["text"], self.sentence_ids

    def edited(self, keep: npt.NDArray[np.bool_], added: Sequence[Unit]) -> UnitColumns:
        """These units where ``keep`` is True, then ``added``."""
        return self.joined(keep, UnitColumns.from_units(added))

    def joined(self, keep: npt.NDArray[np.bool_], other: UnitColumns) -> UnitColumns:
        """These units where ``keep`` is True, then ``other``'s."""
        rows = np.flatnonzero(keep).tolist()
        new = other.columns
        out: dict[str, Any] = {"docs": [*self.columns["docs"], *new["docs"]]}
        for name in _COLUMNS:
            column = self.columns[name]
            extra = [d + len(self.docs) for d in new["doc"]] if name == "doc" else new[name]
            out[name] = [column[i] for i in rows] + list(extra)
        return UnitColumns(out)
