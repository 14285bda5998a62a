"""The Gradio web UI: ``build_ui(assistant)`` builds the Blocks (chat on the left, cited
sources on the right) without launching them. Gradio is imported only when a UI is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..answering.messages import message
from .handlers import ChatHandlers
from .render import escape_text, sources_html

if TYPE_CHECKING:
    import gradio as gr

    from ..assistant import Assistant

EXAMPLES = [
    "When and where is WUF13?",
    "Where was Kazakhstan's first National Urban Planning Forum held?",
    "WUF13 nə vaxt keçiriləcək?",
    "Foruma hazırlıq kimlərlə koordinasiya şəraitində həyata keçirilir?",
    "Где пройдет WUF13?",
    "Когда прошел первый Национальный градостроительный форум Казахстана?",
]


def build_ui(assistant: Assistant) -> gr.Blocks:
    """The chat UI over ``assistant``: chat on the left, cited sources on the right."""
    import gradio as gr

    handlers = ChatHandlers(assistant)
    with gr.Blocks(title="WUF13 Assistant", fill_height=True, analytics_enabled=False) as demo:
        cited = gr.State([])  # sentence ids each answer cited: the source panel's data
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
                    additional_inputs=[cited],
                    additional_outputs=[sources, cited],
                    examples=[[question] for question in EXAMPLES],
                    run_examples_on_click=True,
                    cache_examples=False,
                    api_name="chat",
                    fill_height=True,
                )
            with gr.Column(scale=2, min_width=300):
                sources.render()  # type: ignore[no-untyped-call]
        chatbot.clear(lambda: (sources_html([], {}, "en"), []), outputs=[sources, cited])
        gr.api(handlers.api_ask, api_name="ask")  # type: ignore[attr-defined]
    demo.queue(default_concurrency_limit=assistant.settings.ui_concurrency)
    blocks: gr.Blocks = demo
    return blocks
