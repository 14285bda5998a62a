"""Checking questions and conversation history before any work is done.

Inputs are bounded before they are processed: a question over its character limit is refused,
and only the last ``max_turns`` turns of a history are read, each cut to ``max_chars``, so a
request costs the same however much history it carries.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import QuestionError
from ..values import Turn
from .normalize import has_surrogates, plain_text, without_surrogates
from .words import words

# A question longer than this many times the limit is refused before it is even cleaned.
_RAW_FACTOR = 4


def clean_question(question: Any, max_chars: int) -> str:
    """The question as plain text: escapes, control and invisible characters removed,
    whitespace folded.

    Raises :class:`QuestionError` for a non-string, bytes that were not valid UTF-8, an empty
    question (after cleaning), one without a single letter or digit, or one over ``max_chars``.
    """
    if not isinstance(question, str):
        raise QuestionError(
            f"A question must be text (str), got {type(question).__name__}. Pass a string."
        )
    if len(question) > max_chars * _RAW_FACTOR:
        raise _too_long(len(question), max_chars)
    if has_surrogates(question):
        raise QuestionError(
            "The question contains bytes that are not valid UTF-8 text. Type it again, or set "
            "your terminal to UTF-8."
        )
    text = " ".join(plain_text(question).split())
    if not text:
        raise QuestionError("The question is empty. Type a question, e.g. 'When is WUF13?'.")
    if len(text) > max_chars:
        raise _too_long(len(text), max_chars)
    if not words(text):
        raise QuestionError(
            "The question has no words in it. Type a question, e.g. 'When is WUF13?'."
        )
    return text


def _too_long(length: int, max_chars: int) -> QuestionError:
    return QuestionError(
        f"The question is {length} characters long; the limit is {max_chars}. "
        "Ask a shorter question."
    )


def normalize_history(history: Any, *, max_turns: int, max_chars: int) -> tuple[Turn, ...]:
    """The last ``max_turns`` turns of ``history``, each cut to ``max_chars`` characters.

    Accepts ``Turn`` objects, ``{"role", "content"}`` dicts (content a string or a list of
    ``{"type": "text", "text": ...}`` parts, as chat UIs send it) or ``(user, assistant)``
    pairs. Older turns are ignored: a follow-up leans on the last few turns only.
    """
    if history is None:
        return ()
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise QuestionError(
            "history must be a list of turns: {'role': 'user'|'assistant', 'content': str} "
            "dicts or (question, answer) pairs."
        )
    turns: list[Turn] = []
    for item in history[-max_turns:]:
        turns.extend(_turns_of(item))
    return tuple(
        Turn(t.role, _bounded(t.content, max_chars)) for t in turns[-max_turns:] if t.content
    )


def _turns_of(item: Any) -> list[Turn]:
    if isinstance(item, Turn):
        return [item]
    if isinstance(item, Mapping):
        role = item.get("role")
        if role not in ("user", "assistant"):
            raise QuestionError(
                f"history turn has role {str(role)[:40]!r}; use 'user' or 'assistant'."
            )
        return [Turn(role, message_text(item.get("content")))]
    if isinstance(item, Sequence) and not isinstance(item, str | bytes) and len(item) == 2:
        user, bot = item
        return [Turn("user", message_text(user)), Turn("assistant", message_text(bot))]
    raise QuestionError(
        f"history item {str(item)[:60]!r} is neither a turn dict nor a (question, answer) pair."
    )


def message_text(content: Any) -> str:
    """The text of a chat message's content: a string, a ``{"text": ...}`` part, or a list of
    parts (Gradio 6 sends ``[{"type": "text", "text": ...}]``). Files and other components
    carry no text: ``""``. HTML tags of rendered answers are dropped.

    >>> message_text([{"type": "text", "text": "When is <b>WUF13</b>?"}, {"type": "file"}])
    'When is WUF13 ?'
    """
    if isinstance(content, str):
        text = content
    elif isinstance(content, Mapping):
        value = content.get("text", "")
        text = value if isinstance(value, str) else ""
    elif isinstance(content, Sequence) and not isinstance(content, bytes):
        text = " ".join(message_text(part) for part in content[:50])
    else:
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


_TAG = re.compile(r"<[^>]{0,500}>")


def _bounded(text: str, max_chars: int) -> str:
    return " ".join(plain_text(without_surrogates(text[: max_chars * _RAW_FACTOR])).split())[
        :max_chars
    ]
