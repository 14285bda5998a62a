"""Text as it arrives (typed, pasted, read from a file) made plain: one rule for questions and
documents alike.

Removed: terminal escape sequences (``\\x1b[31m``), control characters, and invisible format
characters (zero-width spaces, byte-order marks, bidirectional overrides, soft hyphens).
Unicode is composed (NFC), so ``ə`` typed as ``e`` + combining mark equals ``ə``.

    >>> plain_text("\\x1b[31mWhen\\u200b is\\ufeff WUF13?\\x1b[0m")
    'When is WUF13?'
"""

from __future__ import annotations

import re
import unicodedata

# CSI sequences (colours, cursor moves) and OSC sequences (window titles, hyperlinks).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# C0/C1 controls except tab and newline (kept: documents use them for structure).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def plain_text(text: str, *, keep_lines: bool = False) -> str:
    """``text`` without escapes, control and invisible format characters, NFC-composed.

    Lines (``\\n``) and tabs survive only with ``keep_lines``; otherwise they become spaces.
    """
    text = _ESCAPES.sub("", text)
    if keep_lines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROL.sub("", text)
    else:
        text = _CONTROL.sub(" ", text.replace("\n", " ").replace("\t", " "))
    if any(unicodedata.category(ch) == "Cf" for ch in set(text)):  # each character once
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFC", text)


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds lone surrogates: bytes that were not valid UTF-8 (a terminal
    with another encoding) or a broken JSON escape."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogates(text) else text
