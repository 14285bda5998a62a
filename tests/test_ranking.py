"""Ranking, grouping of translations and abstention, tested exactly with an embedder whose
similarities are known (tests/fake_embeddings.py), independent of any model's rankings."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.search.scoring import Weights

from .conftest import make_assistant
from .fake_embeddings import WordCountEmbeddings, cosine

VOCABULARY = ["baku", "forum", "may", "city", "stadium", "tickets", "volunteers"]
ORIGINAL = """---
title: Forum qeydləri
language: az
---

Forum Bakıda may ayında olacaq.

Stadium city stadium.

Volunteers volunteers volunteers city.
"""
TRANSLATION = """---
translation_of: notes.md
language: en
---

[s0] Forum notes
[s1] The forum is in Baku in May.
[s2] Stadium city stadium.
[s3] Volunteers volunteers volunteers city.
"""


@pytest.fixture
def fake(tmp_path: Path) -> Assistant:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "notes.md").write_text(ORIGINAL, encoding="utf-8")
    (folder / "notes.en.md").write_text(TRANSLATION, encoding="utf-8")
    assistant = make_assistant(
        folder, tmp_path / "db", WordCountEmbeddings(VOCABULARY), min_score=0.5,
        max_uncovered=1.01, bm25_languages=("en",),
    )  # fmt: skip
    assistant.ingest(progress=False)
    return assistant


def test_a_translation_and_its_original_are_one_hit(fake: Assistant) -> None:
    """The English question matches the translation of s1 exactly (cosine 1.0): the hit is the
    original sentence, once, carrying its translation."""
    hits = fake.retrieve("forum baku may").hits
    ids = [h.sentence_id for h in hits]
    assert ids[0] == "notes#s1" and len(ids) == len(set(ids))
    assert hits[0].score == pytest.approx(1.0)
    assert hits[0].original.language == "az" and hits[0].text_in("en").text.endswith("in May.")


def test_ranking_adds_each_signal_exactly(fake: Assistant) -> None:
    """Dense prefers s2 (cosine 0.775 against 0.730); BM25 prefers s3 ("volunteers" three
    times against "stadium" twice). A sentence's score is its cosine plus each weight times
    its signal: with the lexical weight high enough, s3 comes first."""
    question = "stadium volunteers city"
    embedder = fake.embeddings
    query = embedder.embed_query(question)
    dense = {
        sid: cosine(query, embedder.embed_query(text))
        for sid, text in (("notes#s2", "Stadium city stadium."),
                          ("notes#s3", "Volunteers volunteers volunteers city."))
    }  # fmt: skip
    assert dense["notes#s2"] > dense["notes#s3"]
    fake.retriever.weights = Weights(context=0.0, lexical=0.0, answer_type=0.0, title=0.0)
    assert fake.retrieve(question).hits[0].sentence_id == "notes#s2"
    fake.retriever.weights = Weights(context=0.0, lexical=10.0, answer_type=0.0, title=0.0)
    hits = {h.sentence_id: h for h in fake.retrieve(question).hits}
    assert fake.retrieve(question).hits[0].sentence_id == "notes#s3"
    assert hits["notes#s3"].lexical == 1.0 and 0 < hits["notes#s2"].lexical < 1.0
    for sid in ("notes#s2", "notes#s3"):
        assert hits[sid].score == pytest.approx(dense[sid])
        assert hits[sid].rank_score == pytest.approx(dense[sid] + 10.0 * hits[sid].lexical)


def test_a_title_penalty_is_taken_off_exactly(fake: Assistant) -> None:
    fake.retriever.weights = Weights(context=0.0, lexical=0.0, answer_type=0.0, title=0.05)
    hits = {h.sentence_id: h for h in fake.retrieve("forum").hits}
    assert hits["notes#s0"].rank_score == pytest.approx(hits["notes#s0"].score - 0.05)
    assert hits["notes#s1"].rank_score == pytest.approx(hits["notes#s1"].score)


def test_abstention_follows_the_threshold_exactly(fake: Assistant) -> None:
    """ "forum tickets" is cos 1/sqrt(2) = 0.707 from s1's "forum" (+ baku, may: 0.41); with the
    threshold at 0.5 it is answered, at 0.75 it abstains."""
    assert not fake.ask("forum tickets").abstained
    strict = Assistant(fake.settings.replace(min_score=0.75), fake.embeddings, fake.store)
    assert strict.ask("forum tickets").abstained
    assert fake.ask("tickets").abstained  # no vocabulary word in common with any sentence
