"""The UI's callbacks, kept apart from Gradio so they can be read and tested alone.

What each answer cited is kept as data, in the session's state (one list of sentence ids per
answer, in order), never read back from the HTML the UI rendered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import AssistantError
from ..text.language import detect_language
from ..values import Answer, Delta, split_sentence_id
from .render import answer_html, escape_text, sources_html

if TYPE_CHECKING:
    from ..assistant import Assistant

# Sentence ids cited by each answer of the conversation, in order ([] for one without).
Cited = list[list[str]]


class ChatHandlers:
    """Streaming chat with a source panel, and the JSON ``/ask`` endpoint."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def respond(
        self, message_text: str, history: list[dict[str, Any]], cited: Cited | None = None
    ) -> Iterator[tuple[str, str, Cited]]:
        """Stream the answer (plain text first, then the final HTML), the source panel and
        the citations of every answer so far."""
        answers = sum(1 for m in history if m.get("role") == "assistant")
        earlier = list(cited or [])[:answers]  # an undone or retried answer's are dropped
        earlier += [[] for _ in range(answers - len(earlier))]
        language = detect_language(message_text) if isinstance(message_text, str) else "en"
        panel = self.panel(earlier, {}, language)
        try:
            shown = ""
            answer: Answer | None = None
            for event in self.assistant.stream(message_text, history):
                if isinstance(event, Delta):
                    shown += event.text
                    yield escape_text(shown), panel, earlier
                else:
                    answer = event
        except AssistantError as exc:
            yield f'<div class="wuf-abstain">{escape_text(str(exc))}</div>', panel, [*earlier, []]
            return
        assert answer is not None
        quoted = (*answer.citations, *answer.closest)
        now = [*earlier, [c.sentence_id for c in quoted]]
        latest = {c.sentence_id: c.number for c in quoted}
        yield answer_html(answer), self.panel(now, latest, answer.language), now

    def panel(self, cited: Cited, latest: dict[str, int], language: str) -> str:
        """Every document cited in the conversation, the latest answer's sentences marked;
        the most recently cited document first."""
        slugs: list[str] = []
        for ids in cited:
            for sentence in ids:
                slug = split_sentence_id(sentence)[0]
                if slug not in slugs:
                    slugs.append(slug)
        docs = [d for d in (self.assistant.document(s) for s in reversed(slugs)) if d]
        return sources_html(docs, latest, language)

    def api_ask(self, question: str, history: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """The whole answer as JSON: text, citations, abstained, language, timings; or error."""
        try:
            return self.assistant.ask(question, history).to_dict()
        except AssistantError as exc:
            return {"error": str(exc), "error_type": type(exc).__name__}
