"""Running headers, footers and page numbers of a PDF, found among each page's outermost lines."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_SIZE_CHANGE = 1.15  # font size ratio between two lines that counts as a change of style
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pg\.?|стр\.?|страница|səhifə)\s*\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?"
    r"|[-–—(\[]?\s*(?:\d{1,3}|[ivxlc]{1,7})\s*[-–—)\]]?"
    r"|\d{1,4}\s*(?:/|of|из)\s*\d{1,4})$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One line of a page: folded text, baseline height and font size in points, if known."""

    text: str
    y: float | None = None
    size: float | None = None


def strip_furniture(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Pages without running headers/footers and page numbers.

    Only the outermost lines of a page (first and last in reading order, top and bottom on the
    page) are candidates. A candidate is furniture when, digits ignored, it recurs as a
    candidate on other pages (on half the pages, or on three), when it starts or ends with a
    number that follows the page count the way other pages' candidates do ("Chapter 2:
    Methods 14" on page 15), or when it reads as a page number ("7", "- 7 -", "Page 7 of 9",
    "vii"). Where that removed something, the new outermost line is tested once more; then a
    recurring line must also differ in font size from the body text (repeated body lines stay).
    """
    kept = [list(lines) for lines in pages]
    need = min(3, max(2, math.ceil(sum(1 for lines in pages if lines) / 2)))
    sides = [{0, 1} for _ in kept]  # 0: top, 1: bottom; the sides still being peeled
    sides = _peel(kept, sides, need, strict=False)
    _peel(kept, sides, need, strict=True)
    return kept


def _peel(
    pages: list[list[Line]], sides: list[set[int]], need: int, strict: bool
) -> list[set[int]]:
    """One round of ``strip_furniture`` on the given sides of each page, in place.

    When ``strict``, a recurring line must also differ in font size from the body text. Returns
    the sides where something was removed.
    """
    body = _body_size(pages) if strict else None
    edges = [[_outermost(lines, side) for side in (0, 1)] for lines in pages]
    near = [set().union(*(ends[s] for s in live)) for ends, live in zip(edges, sides, strict=True)]
    keys = Counter(
        k for lines, ids in zip(pages, near, strict=True) for k in {_key(lines[i]) for i in ids}
    )
    offsets = Counter(
        o
        for number, (lines, ids) in enumerate(zip(pages, near, strict=True))
        for o in {n - number for i in ids for n in _edge_numbers(lines[i])}
    )

    def furniture(line: Line, number: int) -> bool:
        recurs = keys[_key(line)] >= need and (not strict or _off_body(line, body))
        paged = any(offsets[n - number] >= need for n in _edge_numbers(line))
        return recurs or paged or bool(_PAGE_NUMBER.match(line.text))

    peeled: list[set[int]] = []
    for number, (lines, live) in enumerate(zip(pages, sides, strict=True)):
        drop = {s: {i for i in edges[number][s] if furniture(lines[i], number)} for s in live}
        peeled.append({side for side, ids in drop.items() if ids})
        gone = set().union(*drop.values())
        lines[:] = [line for i, line in enumerate(lines) if i not in gone]
    return peeled


def _outermost(lines: Sequence[Line], side: int) -> set[int]:
    """The first line in reading order and the top line (side 0), or the last and bottom ones."""
    if not lines:
        return set()
    placed = [(line.y, i) for i, line in enumerate(lines) if line.y is not None]
    if side == 0:
        return {0, max(placed)[1]} if placed else {0}
    return {len(lines) - 1, min(placed)[1]} if placed else {len(lines) - 1}


def _body_size(pages: Sequence[Sequence[Line]]) -> float | None:
    """The font size of most of the text, rounded to a point, if pypdf gave sizes."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if line.size:
                sizes[round(line.size)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _off_body(line: Line, body: float | None) -> bool:
    """Whether the line's font size is known to differ from the body text's."""
    return bool(line.size and body and size_changes(line, Line("", None, body)))


def _edge_numbers(line: Line) -> set[int]:
    """The numbers (up to 4 digits) a line starts or ends with."""
    words = line.text.split()
    return {int(word) for word in words[:1] + words[-1:] if word.isdigit() and len(word) <= 4}


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower())


def size_changes(prev: Line, line: Line) -> bool:
    """Whether the two lines are set in clearly different font sizes (both known)."""
    if not prev.size or not line.size:
        return False
    return max(prev.size, line.size) > _SIZE_CHANGE * min(prev.size, line.size)
