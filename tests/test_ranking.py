"""Ranking, grouping of translations and the calibrated decision, tested exactly: an embedder
whose similarities are known (tests/fake_embeddings.py) and hand-made rankers whose weights
say which feature decides, independent of any trained model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, ConfigError, Settings
from assistant.search.features import FEATURES
from assistant.search.ranker import (
    DECISION_FEATURES,
    DEFAULT_MODEL,
    Linear,
    Ranker,
    Thresholds,
)

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


LIMITS = Thresholds(0.8, 0.3, 0.6)


def ranker(weights: dict[str, float], decision: dict[str, float], bias: float = 0.0,
           thresholds: Thresholds = LIMITS) -> Ranker:  # fmt: skip
    """A ranker whose logit is the sum of ``weights`` x raw features (no standardising), and
    whose decision is sigmoid(``decision`` x its inputs + ``bias``)."""

    def linear(names: tuple[str, ...], w: dict[str, float], b: float) -> Linear:
        n = len(names)
        return Linear(np.zeros(n), np.ones(n), np.array([w.get(x, 0.0) for x in names]), b)

    return Ranker(linear(FEATURES, weights, 0.0), linear(DECISION_FEATURES, decision, bias),
                  thresholds, {})  # fmt: skip


@pytest.fixture
def fake(tmp_path: Path) -> Assistant:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "notes.md").write_text(ORIGINAL, encoding="utf-8")
    (folder / "notes.en.md").write_text(TRANSLATION, encoding="utf-8")
    assistant = make_assistant(folder, tmp_path / "db", WordCountEmbeddings(VOCABULARY))
    assistant.ingest(progress=False)
    return assistant


def with_ranker(fake: Assistant, model: Ranker) -> Assistant:
    return Assistant(fake.settings, fake.embeddings, fake.store, ranker=model)


def test_a_translation_and_its_original_are_one_hit(fake: Assistant) -> None:
    """The English question matches the translation of s1 exactly (cosine 1.0): the hit is the
    original sentence, once, carrying its translation."""
    dense = with_ranker(fake, ranker({"dense_best": 1.0}, {}))
    hits = dense.retrieve("forum baku may").hits
    ids = [h.sentence_id for h in hits]
    assert ids[0] == "notes#s1" and len(ids) == len(set(ids))
    assert hits[0].score == pytest.approx(1.0)
    assert hits[0].original.language == "az" and hits[0].text_in("en").text.endswith("in May.")


def test_candidates_are_ranked_by_what_the_ranker_weighs(fake: Assistant) -> None:
    """Dense prefers s2 (cosine 0.775 against 0.730); BM25 prefers s3 ("volunteers" three
    times against "stadium" twice). A candidate's logit is exactly its weighted features."""
    question = "stadium volunteers city"
    embedder = fake.embeddings
    query = embedder.embed_query(question)
    dense = {
        sid: cosine(query, embedder.embed_query(text))
        for sid, text in (("notes#s2", "Stadium city stadium."),
                          ("notes#s3", "Volunteers volunteers volunteers city."))
    }  # fmt: skip
    assert dense["notes#s2"] > dense["notes#s3"]
    by_dense = with_ranker(fake, ranker({"dense_best": 2.0}, {})).retrieve(question).hits
    assert by_dense[0].sentence_id == "notes#s2"
    assert by_dense[0].rank_score == pytest.approx(2.0 * dense["notes#s2"], abs=1e-5)
    assert by_dense[0].probability == pytest.approx(1 / (1 + math.exp(-2.0 * dense["notes#s2"])))
    by_words = with_ranker(fake, ranker({"bm25_best": 1.0}, {})).retrieve(question).hits
    assert by_words[0].sentence_id == "notes#s3"


def test_the_decision_reads_the_best_logit_and_its_thresholds_exactly(fake: Assistant) -> None:
    """p = sigmoid(10 x best logit - 5): with the best dense cosine 1.0 it is 0.9933 (answer at
    0.8); at answer 0.995 the same search gives the closest sentences; at closest 0.995 too,
    nothing."""
    model = ranker({"dense_best": 1.0}, {"top_logit": 10.0}, bias=-5.0)
    retrieval = with_ranker(fake, model).retrieve("forum baku may")
    assert retrieval.answers == pytest.approx(1 / (1 + math.exp(-5.0)))
    assert not with_ranker(fake, model).ask("forum baku may").abstained
    closer = Ranker(model.ranker, model.decision, Thresholds(0.995, 0.3, 0.6), {})
    answer = with_ranker(fake, closer).ask("forum baku may")
    assert answer.kind == "closest" and answer.abstained and not answer.citations
    assert answer.closest[0].sentence_id == "notes#s1"
    never = Ranker(model.ranker, model.decision, Thresholds(0.995, 0.995, 0.6), {})
    assert with_ranker(fake, never).ask("forum baku may").kind == "abstain"


def test_settings_override_the_rankers_thresholds(fake: Assistant) -> None:
    model = ranker({"dense_best": 1.0}, {"top_logit": 10.0}, bias=-5.0)
    strict = Assistant(fake.settings.replace(answer_at=0.999), fake.embeddings, fake.store,
                       ranker=model)  # fmt: skip
    assert strict.ask("forum baku may").kind == "closest"


def test_the_shipped_model_loads_and_fits_this_version() -> None:
    model = Ranker.load(DEFAULT_MODEL)
    limits = model.thresholds
    assert 0.0 < limits.closest <= limits.answer < 1.0 and 0.0 < limits.also <= 1.0
    assert model.trained["searches"]["train"] >= 1000


def test_a_model_trained_on_other_features_or_damaged_is_one_clear_error(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    data["ranker"]["features"] = data["ranker"]["features"][:-1]
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"trained on other features.*python -m training fit"):
        Ranker.load(other)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"Cannot read the ranker model.*ASSISTANT_RANKER"):
        Ranker.load(broken)
    with pytest.raises(ConfigError, match="ASSISTANT_ANSWER_AT must be a probability"):
        Settings.from_env({"ASSISTANT_ANSWER_AT": "1.5"})
