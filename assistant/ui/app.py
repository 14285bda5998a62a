"""The Gradio web UI: ``build_ui(assistant)`` builds the Blocks (a Chat tab: chat on the
left, cited sources on the right; a Sources tab: every indexed document) without launching
them. Gradio is imported only when a UI is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..answering.messages import message
from ..reading.files import SUFFIXES
from .handlers import ChatHandlers
from .library import CHOOSE, COLUMNS, SourcesHandlers
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
    """The UI over ``assistant``: a Chat tab (chat on the left, cited sources on the right)
    and a Sources tab (every indexed document; adding files when a password is set)."""
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
        with gr.Tabs():
            with gr.Tab("Chat", id="chat", elem_id="wuf-chat-tab"), gr.Row(equal_height=False):
                chatbot = _chat_columns(gr, handlers, cited, sources)
            _sources_tab(gr, SourcesHandlers(assistant), upload=bool(assistant.settings.ui_auth))
        chatbot.clear(
            lambda: (sources_html([], {}, "en"), []), outputs=[sources, cited], api_name=False
        )
        gr.api(handlers.api_ask, api_name="ask")  # type: ignore[attr-defined]
    demo.queue(default_concurrency_limit=assistant.settings.ui_concurrency)
    blocks: gr.Blocks = demo
    return blocks


def _chat_columns(gr: Any, handlers: ChatHandlers, cited: Any, sources: Any) -> Any:
    """The conversation on the left, the documents it cited on the right; the chatbot."""
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
    return chatbot


def _sources_tab(gr: Any, handlers: SourcesHandlers, *, upload: bool) -> None:
    """Every indexed document in a list; choosing one shows it whole. With a password set,
    files can be added and removed here too (through the same paths as ``add`` and
    ``remove``)."""
    with gr.Tab("Sources", id="sources", elem_id="wuf-sources-tab") as tab:
        ids = gr.State([])
        status = None
        if upload:
            files = gr.File(
                file_count="multiple",
                file_types=list(SUFFIXES),
                label="Add documents (" + ", ".join(SUFFIXES) + ")",
                elem_id="wuf-upload",
            )
            status = gr.HTML("", elem_id="wuf-upload-status")
        table = gr.Dataframe(
            headers=COLUMNS,
            datatype=["str", "str", "str", "str", "number", "str", "str", "str"],
            interactive=False,
            wrap=True,
            type="array",
            column_widths=["30%", "14%", "12%", "8%", "9%", "9%", "7%", "11%"],
            elem_id="wuf-source-list",
            label="Indexed documents",
        )
        document = gr.HTML(CHOOSE, elem_id="wuf-document", padding=False)

        def choose(shown: list[str], evt: Any) -> str:
            return handlers.open(shown, evt.index[0] if evt.index else None)

        choose.__annotations__["evt"] = gr.SelectData  # gradio passes the choice by this type
        tab.select(handlers.listing, outputs=[table, ids], api_name=False)
        table.select(choose, inputs=[ids], outputs=[document], api_name=False)
        if upload and status is not None:
            files.upload(
                handlers.add, inputs=[files], outputs=[status, table, ids], api_name=False
            ).then(lambda: None, outputs=[files], api_name=False)
            _remove_controls(gr, handlers, (table, ids, status, document))


def _remove_controls(gr: Any, handlers: SourcesHandlers, shown: tuple[Any, ...]) -> None:
    """A "remove" button for the document chosen in the list (only with a password, as the
    upload), which asks first: the question and "Yes, remove it" / "Cancel" are shown, and
    only "Yes" removes it, through the same path as ``python -m assistant remove``."""
    table, ids, status, document = shown
    chosen = gr.State(None)  # the id of the document chosen in the list
    button = gr.Button(
        "Remove the chosen document", elem_id="wuf-remove", interactive=False, size="sm"
    )
    question = gr.HTML("", elem_id="wuf-remove-question")
    with gr.Row(visible=False) as answers:
        yes = gr.Button("Yes, remove it", elem_id="wuf-remove-yes", variant="stop", size="sm")
        no = gr.Button("Cancel", elem_id="wuf-remove-no", size="sm")

    def choose(shown_ids: list[str], evt: Any) -> tuple[Any, ...]:
        doc_id = handlers.chosen(shown_ids, evt.index[0] if evt.index else None)
        return doc_id, gr.update(interactive=doc_id is not None), "", gr.update(visible=False)

    def ask(doc_id: str | None) -> tuple[Any, ...]:
        text = handlers.confirm(doc_id)
        return text, gr.update(visible=bool(text))

    def remove(doc_id: str | None) -> tuple[Any, ...]:
        line, rows, listed = handlers.remove(doc_id)
        closed = ("", gr.update(visible=False), None, gr.update(interactive=False))
        return line, rows, listed, CHOOSE, *closed

    choose.__annotations__["evt"] = gr.SelectData  # gradio passes the choice by this type
    asked = [question, answers]
    table.select(choose, inputs=[ids], outputs=[chosen, button, *asked], api_name=False)
    button.click(ask, inputs=[chosen], outputs=asked, api_name=False)
    no.click(lambda: ("", gr.update(visible=False)), outputs=asked, api_name=False)
    yes.click(
        remove,
        inputs=[chosen],
        outputs=[status, table, ids, document, *asked, chosen, button],
        api_name=False,
    )
