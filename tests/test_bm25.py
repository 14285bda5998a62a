"""BM25 over word stems: best first, ties in corpus order."""

from assistant.search.bm25 import BM25, tokens


def test_bm25_ranks_best_first_and_breaks_ties_by_order() -> None:
    index = BM25(
        [tokens(t) for t in ["Forum in Baku", "Baku, Baku forum", "Park", "Forum in Baku"]]
    )
    ranked = index.top(tokens("Baku forum"), 3)
    assert [i for i, _ in ranked] == [1, 0, 3]  # 0 and 3 tie: corpus order
    assert ranked[1][1] == ranked[2][1] > 0
    assert index.top(tokens("park"), 10) == [(2, index.scores(tokens("park"))[2])]
    assert index.top(tokens("nothing here"), 5) == []
    assert BM25([]).top(tokens("Baku"), 3) == []


def test_an_edited_index_scores_like_one_built_from_the_edited_corpus() -> None:
    import random

    import numpy as np

    rng = random.Random(1)
    vocabulary = [f"w{i}" for i in range(50)]
    corpus = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 12))] for _ in range(300)]
    keep = np.array([rng.random() > 0.2 for _ in corpus])
    added = [
        [rng.choice([*vocabulary, "new"]) for _ in range(rng.randint(1, 9))] for _ in range(40)
    ]
    built = BM25([doc for doc, kept in zip(corpus, keep, strict=True) if kept] + added)
    edited = BM25(corpus).edited(keep, added)
    assert edited.size == built.size == int(keep.sum()) + 40
    for query in (["w1", "w3"], ["new"], ["w7", "w7", "new"], ["absent"]):
        assert np.allclose(edited.scores(query), built.scores(query))
        assert edited.top(query, 5) == built.top(query, 5)
