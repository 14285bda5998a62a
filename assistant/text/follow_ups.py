"""What a follow-up question leans on: a question that names nothing of its own, or points back
at an earlier turn, is searched together with the question it continues.
"""

from __future__ import annotations

import re

from ..values import Turn
from .lexicon import ANAPHORA, OPENERS, QUESTION_WORDS, STOPWORDS, WEAK_ANAPHORA
from .words import WORD, words

_OPENER = re.compile(r"^(?:" + "|".join(OPENERS) + r")\b", re.IGNORECASE)
_NOT_CONTENT = STOPWORDS | QUESTION_WORDS


def names_a_subject(text: str) -> bool:
    """True when ``text`` names something itself: a word with a digit (WUF13, 2025) or a
    capitalised word that is not a function or question word (Kyzylorda, UN-Habitat)."""
    return bool(subject_names(text))


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
    if opener and not any(t in QUESTION_WORDS for t in words(text.strip()[opener.end() :])):
        return True
    if any(t in ANAPHORA for t in tokens):
        return True
    return any(t in WEAK_ANAPHORA for t in tokens) and not names_a_subject(text)


def conversation_subject(history: tuple[Turn, ...]) -> str | None:
    """What the conversation is about: the latest user question that stands on its own, with
    any follow-ups asked after it, or None when the conversation has no user question. Of
    those questions, only the names they use when they use any: a follow-up inherits the
    subject, never the kind of answer ("How many people come to WUF13?", then "And where?"
    asks where WUF13 is, not how many people are where).

    >>> conversation_subject((Turn("user", "How many people are expected at WUF13?"),))
    'WUF13'
    >>> conversation_subject((Turn("user", "When does volunteer training start?"),))
    'When does volunteer training start?'
    """
    leaning: list[str] = []
    for turn in reversed(history):
        if turn.role != "user" or not turn.content.strip():
            continue
        leaning.append(turn.content)
        if not looks_like_follow_up(turn.content):
            break
    text = " ".join(reversed(leaning))
    names = subject_names(text)
    return (" ".join(names) if names else text) or None


def without_pointers(question: str) -> str:
    """``question`` without the words that point back at the conversation ("А где он
    пройдет?" -> "А где пройдет?"): the subject they stand for is searched in their place.

    >>> without_pointers("And where is it held?"), without_pointers("Bəs onu kim açacaq?")
    ('And where is held?', 'Bəs kim açacaq?')
    """
    pointing = ANAPHORA | WEAK_ANAPHORA
    kept = [
        w for w in re.split(r"(\s+)", question) if w.strip().lower().strip(",.;:!?") not in pointing
    ]
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def subject_names(text: str) -> list[str]:
    """The names ``text`` uses: words with a digit (WUF13) and capitalised words that are not
    function or question words, in order, each once."""
    out: list[str] = []
    for token in WORD.findall(text):
        lowered = token.lower()
        named = any(ch.isdigit() for ch in token) or (
            token[0].isupper() and lowered not in _NOT_CONTENT | ANAPHORA | WEAK_ANAPHORA
        )
        if named and token not in out:
            out.append(token)
    return out
