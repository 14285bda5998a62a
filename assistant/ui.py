"""The Gradio web UI. ``build_ui(assistant)`` builds the Blocks; ``launch_options(settings)``
says how to serve them safely. Gradio is imported only when a UI is built.
"""

from __future__ import annotations

import errno
import ipaddress
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import AssistantError, ConfigError
from .language import detect_language
from .messages import message
from .models import Answer, Delta
from .render import answer_html, cited_in, escape_text, sources_html
from .settings import Settings

if TYPE_CHECKING:
    import gradio as gr

    from .core import Assistant

EXAMPLES = [
    "When and where is WUF13?",
    "Where was Kazakhstan's first National Urban Planning Forum held?",
    "WUF13 nə vaxt keçiriləcək?",
    "Foruma hazırlıq kimlərlə koordinasiya şəraitində həyata keçirilir?",
    "Где пройдет WUF13?",
    "Когда прошел первый Национальный градостроительный форум Казахстана?",
]

CSS = """
.wuf-cite { font-weight: 600; text-decoration: none; cursor: pointer; padding: 0 2px; }
.wuf-abstain { border-left: 4px solid #d97706; background: #fff7ed; color: #7c2d12;
  padding: 8px 12px; border-radius: 6px; }
.wuf-footer { font-size: 0.75em; opacity: 0.65; margin-top: 6px; }
.wuf-note { font-size: 0.85em; border-left: 3px solid #6366f1; padding-left: 8px; }
#wuf-sources { max-height: 75vh; overflow-y: auto; }
.wuf-panel-title { font-weight: 700; margin-bottom: 6px; }
.wuf-doc h3 { margin: 4px 0; font-size: 1.05em; }
.wuf-meta { font-size: 0.8em; opacity: 0.7; margin-bottom: 8px; }
.wuf-sentences { list-style: none; padding-left: 0; margin: 0; }
.wuf-s { padding: 6px 8px; border-radius: 6px; margin-bottom: 4px; }
.wuf-cited { background: #fef9c3; border-left: 4px solid #eab308; }
.wuf-active { outline: 3px solid #2563eb; }
.wuf-n { font-size: 0.75em; opacity: 0.6; }
.wuf-mark { font-weight: 700; }
.wuf-tr { font-size: 0.9em; opacity: 0.8; border-top: 1px dashed #ccc; margin-top: 3px;
  padding-top: 3px; }
.wuf-empty { opacity: 0.7; font-size: 0.9em; }
@media (max-width: 720px) { #wuf-sources { max-height: none; } }
"""

# One delegated click handler. A citation link scrolls the source panel to its sentence and
# outlines it, instead of navigating. The copy buttons copy what the reader sees (Gradio would
# copy the message's HTML source); if the chat's markup ever changes, Gradio's copy remains.
HEAD = """
<script>
function wufCopyText(button) {
  if (button.getAttribute("aria-label") === "Copy message") {
    var row = button.closest(".message-buttons");
    row = row && row.previousElementSibling;
    while (row && !row.classList.contains("message-row")) { row = row.previousElementSibling; }
    return row ? row.innerText.trim() : null;
  }
  var rows = document.querySelectorAll("#wuf-chat .message-row");
  return Array.prototype.map.call(rows, function (r) {
    return (r.classList.contains("user-row") ? "Q: " : "A: ") + r.innerText.trim();
  }).join("\\n\\n") || null;
}
document.addEventListener("click", function (event) {
  if (!event.target.closest) { return; }
  var copy = event.target.closest(
    '#wuf-chat button[aria-label="Copy message"], #wuf-chat button[aria-label="Copy conversation"]'
  );
  if (copy) {
    var text = wufCopyText(copy);
    if (text && navigator.clipboard) {
      event.preventDefault();
      event.stopPropagation();
      navigator.clipboard.writeText(text);
    }
    return;
  }
  var link = event.target.closest("a.wuf-cite");
  if (!link) { return; }
  event.preventDefault();
  event.stopPropagation();
  var id = (link.getAttribute("href") || "").slice(1);
  var row = document.getElementById(id);
  if (!row) { return; }
  document.querySelectorAll(".wuf-active").forEach(function (el) {
    el.classList.remove("wuf-active");
  });
  row.classList.add("wuf-active");
  row.scrollIntoView({behavior: "smooth", block: "center"});
}, true);
</script>
"""


def launch_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``Blocks.launch``; refuses an unsafe bind with a clear message."""
    auth = tuple(settings.ui_auth.split(":", 1)) if settings.ui_auth else None
    if not _is_loopback(settings.ui_host) and auth is None and not settings.ui_allow_public:
        raise ConfigError(
            f"Refusing to serve the UI on {settings.ui_host!r} without a password: anyone on the "
            "network could use it. Set ASSISTANT_UI_AUTH=user:password, or bind 127.0.0.1, or "
            "set ASSISTANT_UI_ALLOW_PUBLIC=1 if you really mean it."
        )
    return {
        "server_name": settings.ui_host,
        "server_port": settings.ui_port,
        "auth": auth,
        "share": False,
        "css": CSS,
        "head": HEAD,
        "footer_links": ["api"],
    }


def check_bind(settings: Settings) -> None:
    """Raise :class:`ConfigError` now, naming the host or port, if the UI could not listen
    there (port in use, address this machine does not have), before any slow start-up work."""
    import socket

    host, port = settings.ui_host, settings.ui_port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(
            f"ASSISTANT_UI_HOST={host!r} is not a host name or address this machine can use "
            f"({exc}). Use 127.0.0.1, or an address of this machine."
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"Port {port} on {host} is already in use. Set ASSISTANT_UI_PORT to a free "
                    "port, or stop the program using it."
                ) from None
            raise ConfigError(
                f"Cannot listen on {host}:{port} ({exc.strerror}). Set ASSISTANT_UI_HOST to an "
                "address of this machine (127.0.0.1 for this machine only) and ASSISTANT_UI_PORT "
                "to a free port above 1023."
            ) from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ChatHandlers:
    """The UI's callbacks, kept apart from Gradio so they can be read and tested alone."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def respond(
        self, message_text: str, history: list[dict[str, Any]]
    ) -> Iterator[tuple[str, str]]:
        """Stream the answer (plain text first, then the final HTML) and the source panel."""
        earlier = [str(m.get("content", "")) for m in history if m.get("role") == "assistant"]
        language = detect_language(message_text) if isinstance(message_text, str) else "en"
        panel = self.panel(earlier, {}, language)
        try:
            shown = ""
            answer: Answer | None = None
            for event in self.assistant.stream(message_text, history):
                if isinstance(event, Delta):
                    shown += event.text
                    yield escape_text(shown), panel
                else:
                    answer = event
        except AssistantError as exc:
            yield f'<div class="wuf-abstain">{escape_text(str(exc))}</div>', panel
            return
        assert answer is not None
        cited = {c.sentence_id: c.number for c in answer.citations}
        yield (
            answer_html(answer),
            self.panel([*earlier, answer_html(answer)], cited, answer.language),
        )

    def panel(self, rendered: list[str], cited: dict[str, int], language: str) -> str:
        slugs: list[str] = []
        for slug, _ in cited_in(rendered):
            if slug not in slugs:
                slugs.append(slug)
        docs = [d for d in (self.assistant.document(s) for s in reversed(slugs)) if d]
        return sources_html(docs, cited, language)

    def api_ask(self, question: str, history: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """The whole answer as JSON: text, citations, abstained, language, timings; or error."""
        try:
            return self.assistant.ask(question, history).to_dict()
        except AssistantError as exc:
            return {"error": str(exc), "error_type": type(exc).__name__}


def build_ui(assistant: Assistant) -> gr.Blocks:
    """The chat UI over ``assistant``: chat on the left, cited sources on the right."""
    import gradio as gr

    handlers = ChatHandlers(assistant)
    with gr.Blocks(title="WUF13 Assistant", fill_height=True, analytics_enabled=False) as demo:
        gr.Markdown(
            "## WUF13 Assistant\n"
            "Answers about the 13th World Urban Forum (Baku, 17–22 May 2026) with the exact "
            "source sentence for every claim, in English, Azerbaijani or Russian."
        )
        sources = gr.HTML(
            sources_html([], {}, "en"), elem_id="wuf-sources", render=False, padding=False
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    elem_id="wuf-chat",
                    height="62vh",
                    buttons=["copy", "copy_all"],
                    sanitize_html=True,
                    latex_delimiters=[],
                    feedback_options=None,
                    placeholder=escape_text(message("panel_empty", "en")),
                    label="WUF13 Assistant",
                )
                gr.ChatInterface(
                    handlers.respond,
                    chatbot=chatbot,
                    textbox=gr.Textbox(
                        placeholder=message("placeholder", "en"),
                        elem_id="wuf-question",
                        submit_btn=True,
                        stop_btn=True,
                        max_lines=6,
                        show_label=False,
                    ),
                    additional_outputs=[sources],
                    examples=EXAMPLES,
                    run_examples_on_click=True,
                    cache_examples=False,
                    api_name="chat",
                    fill_height=True,
                )
            with gr.Column(scale=2, min_width=300):
                sources.render()  # type: ignore[no-untyped-call]
        chatbot.clear(lambda: sources_html([], {}, "en"), outputs=[sources])
        gr.api(handlers.api_ask, api_name="ask")  # type: ignore[attr-defined]
    demo.queue(default_concurrency_limit=assistant.settings.ui_concurrency)
    blocks: gr.Blocks = demo
    return blocks
