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
