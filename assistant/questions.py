"""Checking questions and conversation history before any work is done, and deciding what a
follow-up question leans on.

Inputs are bounded before they are processed: a question over its character limit is refused,
and only the last ``max_turns`` turns of a history are read, each cut to ``max_chars``, so a
request costs the same however much history it carries.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .coverage import STOPWORDS
from .errors import QuestionError
from .language import words
from .models import Turn
from .normalize import has_surrogates, plain_text, without_surrogates

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


def normalize_history(
    history: Any, *, max_turns: int = 10, max_chars: int = 2000
) -> tuple[Turn, ...]:
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


# --- Follow-ups ---------------------------------------------------------------------------

# Words that open a question continuing the previous one: "And where?", "What about ...?".
_OPENER = re.compile(
    r"^(?:and|also|what about|how about|bəs|bes|həmçinin|hemcinin|а|и|ещё|еще|а как)\b", re.I
)
# Words that point back at something named earlier. Strong ones always need it ("Is
# UN-Habitat one of them?"); weak ones are often empty ("is it true that WUF13 ...", "это")
# and lean only when the question names nothing itself.
_ANAPHORA = frozenset(
    """its there they them their this those these he she him her his
    onun ona onu orada ora oranı onlar onların həmin
    он она оно они его её ее их им ним ней там туда тот та этот эта этом этого
    eyo tam""".split()
)
_WEAK_ANAPHORA = frozenset("it o это eto".split())
_QUESTION_WORDS = frozenset(
    """when where who whom whose what which why how
    nə vaxt harada hara harda kim kimlər niyə necə hansı neçə nece ne niye hansi
    когда где кто что какой какая какое какие каком почему зачем как сколько куда откуда чей
    kogda gde kto chto pochemu skolko""".split()
)

_NOT_CONTENT = STOPWORDS | _QUESTION_WORDS


def names_a_subject(text: str) -> bool:
    """True when ``text`` names something itself: a word with a digit (WUF13, 2025) or a
    capitalised word that is not a function or question word (Kyzylorda, UN-Habitat)."""
    for token in re.findall(r"[^\W_]+", text):
        lowered = token.lower()
        if any(ch.isdigit() for ch in token):
            return True
        if token[0].isupper() and lowered not in _NOT_CONTENT | _ANAPHORA | _WEAK_ANAPHORA:
            return True
    return False


def looks_like_follow_up(text: str) -> bool:
    """True for a question that leans on the previous turn, not one complete on its own.

    It leans when it names nothing of its own ("And when?", "Where is it?", "А там?"), when it
    opens with "and"/"what about" and asks nothing itself ("What about Kyzylorda?"), or when
    it points back ("Is UN-Habitat one of them?"; with "it", only when it names no subject:
    "Who organises it?"). "When is WUF13?" or "How much are tickets?" never lean, however
    short.

    >>> [looks_like_follow_up(q) for q in ("And when?", "When is WUF13?", "Is it free?")]
    [True, False, True]
    """
    tokens = words(text)
    content = [w for w in tokens if len(w) > 1 and w not in _NOT_CONTENT]
    if not content:
        return True
    opener = _OPENER.match(text.strip())
    if opener and not any(t in _QUESTION_WORDS for t in words(text.strip()[opener.end() :])):
        return True
    if any(t in _ANAPHORA for t in tokens):
        return True
    return any(t in _WEAK_ANAPHORA for t in tokens) and not names_a_subject(text)


def conversation_subject(history: tuple[Turn, ...]) -> str | None:
    """The latest user question that stands on its own, with any follow-ups asked after it,
    or None when the conversation has no user question."""
    leaning: list[str] = []
    for turn in reversed(history):
        if turn.role != "user" or not turn.content.strip():
            continue
        leaning.append(turn.content)
        if not looks_like_follow_up(turn.content):
            break
    return " ".join(reversed(leaning)) or None
