"""Answers and source documents as safe HTML for the web UI.

Every text that comes from a document, a question or an answer is escaped first, including
the characters Markdown would act on and those its autolinker looks for (``://``, ``@`` of
an e-mail address, ``www.``), so that nothing in the knowledge can become markup, a link or a
script. Only then are our own tags (bold, citation links, highlights) added.

    >>> escape_text("<b>[x](javascript:alert(1))</b>")
    '&#60;b&#62;&#91;x&#93;&#40;javascript:alert&#40;1&#41;&#41;&#60;/b&#62;'
    >>> escape_text("see https://example.org, www.example.org or a@b.org")
    'see https&#58;//example.org, www&#46;example.org or a&#64;b.org'
"""

from __future__ import annotations

import re

from ..answering.messages import message, provenance
from ..values import Answer, Citation, DocumentView, split_sentence_id

_MARKDOWN = str.maketrans(
    {c: f"&#{ord(c)};" for c in "\\`*_[](){}#!|~$<>@"}
    | {"&": "&amp;", '"': "&quot;", "'": "&#x27;"}
)
_AUTOLINK = re.compile(r"\b(www)\.|:(?=//)", re.IGNORECASE)
_ANSWER_TOKENS = re.compile(r"\*\*(.+?)\*\*|\[(\d+)\]")


def escape_text(text: str) -> str:
    """HTML- and Markdown-inert version of ``text``: no tag, no Markdown, no link."""
    return _AUTOLINK.sub(
        lambda m: f"{m.group(1)}&#46;" if m.group(1) else "&#58;", text.translate(_MARKDOWN)
    )


def anchor_id(sentence_id: str) -> str:
    """The panel element id of a sentence: ``doc#s3`` -> ``src-doc-s3``."""
    slug, number = split_sentence_id(sentence_id)
    return f"src-{slug}-s{number}"


def answer_html(answer: Answer) -> str:
    """The answer with bold dates, clickable ``[n]`` citations and a footer. The closest
    sentences of a reply that is not an answer link the same way, in a box of their own."""
    by_number = {c.number: c for c in (*answer.citations, *answer.closest)}
    parts: list[str] = []
    last = 0
    for match in _ANSWER_TOKENS.finditer(answer.text):
        parts.append(escape_text(answer.text[last : match.start()]))
        if match.group(1) is not None:
            parts.append(f"<strong>{escape_text(match.group(1))}</strong>")
        else:
            citation = by_number.get(int(match.group(2)))
            parts.append(_cite_link(citation) if citation else escape_text(match.group(0)))
        last = match.end()
    parts.append(escape_text(answer.text[last:]))
    body = "".join(parts)
    if answer.kind == "abstain":
        body = f'<div class="wuf-abstain">{body}</div>'
    elif answer.kind == "closest":
        body = f'<div class="wuf-closest">{body}</div>'
    note = f'<div class="wuf-note">{escape_text(answer.note)}</div>\n\n' if answer.note else ""
    return f"{body}\n\n{note}{footer_html(answer)}"


def _cite_link(citation: Citation) -> str:
    label = f"[{citation.number}]"
    origin = provenance(citation.kind, citation.source, citation.published, citation.shown_language)
    where = f"{citation.doc_title} {citation.locator}"
    title = escape_text(f"{where} ({origin})")
    return (
        f'<a class="wuf-cite" href="#{anchor_id(citation.sentence_id)}" title="{title}">{label}</a>'
    )


def footer_html(answer: Answer) -> str:
    name = answer.embedder.split(":", 1)[0]
    return (
        f'<div class="wuf-footer">{escape_text(name)} · {escape_text(answer.answerer)} · '
        f"{answer.timings.total_ms:.0f} ms</div>"
    )


def document_html(doc: DocumentView, cited: dict[str, int], language: str) -> str:
    """One whole document: title, source, date; each sentence with its translation beside it.

    ``cited`` maps sentence ids of the latest answer to their citation numbers: those rows are
    highlighted and marked.
    """
    rows = []
    for hit in doc.sentences:
        original = hit.original
        number = cited.get(hit.sentence_id)
        translation = hit.text_in(language) if language != original.language else None
        classes = "wuf-s wuf-cited" if number else "wuf-s"
        mark = f'<span class="wuf-mark">[{number}]</span> ' if number else ""
        label = "title" if original.index == 0 else f"§{original.index}"
        label += f", p. {original.page}" if original.page else ""
        tr = (
            f'<div class="wuf-tr" lang="{escape_text(translation.language)}">'
            f"{escape_text(translation.text)}</div>"
            if translation is not None and translation is not original
            else ""
        )
        rows.append(
            f'<li id="{anchor_id(hit.sentence_id)}" class="{classes}">'
            f'<span class="wuf-n">{label}</span> {mark}'
            f'<div class="wuf-orig" lang="{escape_text(original.language)}">'
            f"{escape_text(original.text)}</div>{tr}</li>"
        )
    info = doc.doc
    origin = provenance(info.kind, info.source, info.published, language)
    meta = " · ".join(escape_text(x) for x in (info.url, info.path) if x)
    return (
        f'<section class="wuf-doc wuf-{info.kind}" id="doc-{escape_text(info.slug)}">'
        f"<h3>{escape_text(info.title)}</h3>"
        f'<div class="wuf-origin">{escape_text(origin)}</div><div class="wuf-meta">{meta}</div>'
        f'<ol class="wuf-sentences">{"".join(rows)}</ol></section>'
    )


def sources_html(docs: list[DocumentView], cited: dict[str, int], language: str) -> str:
    """The source panel: every document cited in the conversation, latest answer highlighted."""
    if not docs:
        return '<div class="wuf-empty">' + escape_text(message("panel_empty", language)) + "</div>"
    heading = f'<div class="wuf-panel-title">{escape_text(message("sources", language))}</div>'
    return heading + "".join(document_html(d, cited, language) for d in docs)
