"""Checking questions and conversation history before any work is done."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from .errors import QuestionError
from .models import Turn

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_question(question: Any, max_chars: int) -> str:
    """The question with control characters removed and whitespace folded.

    Raises :class:`QuestionError` for a non-string, an empty question or one over
    ``max_chars`` characters.
    """
    if not isinstance(question, str):
        raise QuestionError(
            f"A question must be text (str), got {type(question).__name__}. Pass a string."
        )
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", question))
    text = " ".join(text.split())
    if not text:
        raise QuestionError("The question is empty. Type a question, e.g. 'When is WUF13?'.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text)} characters long; the limit is {max_chars}. "
            "Ask a shorter question."
        )
    return text


def normalize_history(history: Any) -> tuple[Turn, ...]:
    """Accept ``Turn`` objects, ``{"role", "content"}`` dicts or ``(user, assistant)`` pairs."""
    if history is None:
        return ()
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise QuestionError(
            "history must be a list of turns: {'role': 'user'|'assistant', 'content': str} "
            "dicts or (question, answer) pairs."
        )
    turns: list[Turn] = []
    for item in history:
        if isinstance(item, Turn):
            turns.append(item)
        elif isinstance(item, Mapping):
            role, content = item.get("role"), item.get("content")
            if role in ("user", "assistant") and isinstance(content, str):
                turns.append(Turn(role, content))  # type: ignore[arg-type]
            elif role in ("user", "assistant"):
                continue  # rich content (files, components) carries no question text
            else:
                raise QuestionError(f"history turn has role {role!r}; use 'user' or 'assistant'.")
        elif isinstance(item, Sequence) and len(item) == 2:
            user, bot = item
            if isinstance(user, str):
                turns.append(Turn("user", user))
            if isinstance(bot, str):
                turns.append(Turn("assistant", bot))
        else:
            raise QuestionError(
                f"history item {item!r} is neither a turn dict nor a (question, answer) pair."
            )
    return tuple(turns)


def last_user_question(history: tuple[Turn, ...]) -> str | None:
    for turn in reversed(history):
        if turn.role == "user" and turn.content.strip():
            return turn.content
    return None
