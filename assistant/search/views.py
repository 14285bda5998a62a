"""Read-only views of an index's units by record id and by key (sentence, document), over
:class:`~assistant.reading.columns.UnitColumns`: lookups make only the units they return."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..reading.columns import UnitColumns
from ..values import Unit


class ByRecord(Mapping[str, Unit]):
    """Record id -> unit."""

    def __init__(self, table: UnitColumns) -> None:
        self.table = table
        self.row = dict(zip(table.record_ids, range(len(table)), strict=True))

    def __getitem__(self, record_id: str) -> Unit:
        return self.table[self.row[record_id]]

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.row

    def __iter__(self) -> Iterator[str]:
        return iter(self.table.record_ids)

    def __len__(self) -> int:
        return len(self.table)


class ByKey(Mapping[str, list[Unit]]):
    """Key -> the units at its rows (e.g. a sentence id -> its original and translations)."""

    def __init__(self, table: UnitColumns, rows: dict[str, list[int]]) -> None:
        self.table = table
        self.rows = rows

    def __getitem__(self, key: str) -> list[Unit]:
        return [self.table[row] for row in self.rows[key]]

    def __contains__(self, key: object) -> bool:
        return key in self.rows

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def rows_by(keys: list[str]) -> dict[str, list[int]]:
    """Each key -> the rows where it occurs, in order.

    >>> rows_by(["a", "b", "a"])
    {'a': [0, 2], 'b': [1]}
    """
    out: dict[str, list[int]] = {}
    for row, key in enumerate(keys):
        out.setdefault(key, []).append(row)
    return out
