"""PDF text lines to paragraphs: lines joined into paragraphs, paragraphs across pages.

Works on the lines pypdf gives for each page, with the baseline height and font size of each
line where pypdf reports them (headers and footers are removed first, see pdf_furniture).
Paragraphs end at a vertical gap clearly larger than the usual
line spacing, at a change of font size, before a bullet, or (conservatively) after a short
line that ends a sentence when the next line starts with a capital. A paragraph that is still
open at the end of a page continues on the next page with text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from .common import Paragraph
from .pdf_furniture import Line, size_changes, strip_furniture

_GAP = 1.3  # a drop larger than this many usual line pitches ends a paragraph
_SHORT = 0.7  # a line shorter than this share of a page's long lines may end a paragraph
_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_BULLET = re.compile(r"^[•●▪◦‣∙·*]\s")
# "- item", "1. item", "(a) item": a new item only after a line that ends a clause, since a
# dash or a number may also start the second line of a sentence.
_ITEM = re.compile(r"^(?:[–—-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_ITEM_AFTER = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_HYPHENATED = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"\w+")
_WORDS = re.compile(r"\w+(?:-\w+)*")


@dataclass
class _Draft:  # a paragraph being built; ``pages`` as in Paragraph
    text: str
    pages: list[tuple[int, int]] = field(default_factory=list)


def build_paragraphs(pages: Sequence[Sequence[Line]]) -> tuple[Paragraph, ...]:
    """The paragraphs of a document given as lines per page (page 1 first)."""
    kept = strip_furniture(pages)
    vocabulary = {
        word.lower() for lines in kept for line in lines for word in _WORDS.findall(line.text)
    }
    pitch = _pitch(kept)
    drafts: list[_Draft] = []
    last: Line | None = None  # the last line of the previous page with text
    for number, lines in enumerate(kept, start=1):
        texts = [join_lines(group, vocabulary) for group in _groups(lines, pitch)]
        if not texts:
            continue
        if last and _runs_on(last, lines[0]):
            _continue(drafts[-1], texts.pop(0), number, vocabulary)
        drafts.extend(_Draft(text, [(0, number)]) for text in texts)
        last = lines[-1]
    return tuple(Paragraph(d.text, tuple(d.pages)) for d in drafts)


def join_lines(lines: Sequence[str], vocabulary: set[str]) -> str:
    """Lines of one paragraph as one string (see ``glue``)."""
    text = ""
    for line in lines:
        text = glue(text, line, vocabulary) if text else line
    return text


def glue(left: str, right: str, vocabulary: set[str]) -> str:
    """``left`` followed by ``right`` across a line break; ``right`` is kept whole at the end.

    A word hyphenated at the break is joined ("develop-" + "ment"), unless the next line starts
    with a capital or a digit ("UN-" + "Habitat", "SDG-" + "11") or the document spells the
    hyphenated form elsewhere and never the joined one ("well-" + "known"). A soft hyphen is
    dropped. Otherwise the break is a space.
    """
    if left.endswith("\u00ad"):
        return left[:-1] + right
    match = _HYPHENATED.search(left)
    if match is None or not right[:1].isalnum():
        return f"{left} {right}"
    prefix = match.group(1)
    if right[0].islower() and prefix[-1].isalpha():
        word = _FIRST_WORD.match(right)
        second = word.group(0).lower() if word else ""
        compound = f"{prefix}-{second}".lower() in vocabulary
        if not compound or (prefix + second).lower() in vocabulary:
            return left[:-1] + right
    return left + right


def _runs_on(last: Line, first: Line) -> bool:
    """Whether the paragraph ending a page with ``last`` goes on with ``first`` on the next."""
    return not (
        _ENDS_SENTENCE.search(last.text) or size_changes(last, first) or _new_item(last, first)
    )


def _continue(draft: _Draft, text: str, page: int, vocabulary: set[str]) -> None:
    """Append the first paragraph of ``page`` to the open paragraph of the page before."""
    draft.text = glue(draft.text, text, vocabulary)
    draft.pages.append((len(draft.text) - len(text), page))


def _groups(lines: Sequence[Line], pitch: float | None) -> list[list[str]]:
    """The lines of one page grouped into paragraphs."""
    lengths = sorted(len(line.text) for line in lines)
    long_line = lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 3 else 0
    groups: list[list[str]] = []
    for i, line in enumerate(lines):
        if i == 0 or _breaks(lines[i - 1], line, pitch, long_line):
            groups.append([])
        groups[-1].append(line.text)
    return groups


def _breaks(prev: Line, line: Line, pitch: float | None, long_line: int) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    if pitch and prev.y is not None and line.y is not None and prev.y - line.y > _GAP * pitch:
        return True
    if size_changes(prev, line) or _new_item(prev, line):
        return True
    return bool(
        _ENDS_SENTENCE.search(prev.text)
        and line.text[:1].isupper()
        and len(prev.text) < _SHORT * long_line
    )


def _new_item(prev: Line, line: Line) -> bool:
    """Whether ``line`` starts a list item."""
    if _BULLET.match(line.text):
        return True
    return bool(_ITEM.match(line.text) and _ITEM_AFTER.search(prev.text))


def _pitch(pages: Sequence[Sequence[Line]]) -> float | None:
    """The usual distance between the baselines of two lines of a paragraph, in points."""
    drops = [
        prev.y - line.y
        for lines in pages
        for prev, line in itertools.pairwise(lines)
        if prev.y is not None
        and line.y is not None
        and line.size
        and 0 < prev.y - line.y <= 3 * line.size
    ]
    return statistics.median(drops) if drops else None
