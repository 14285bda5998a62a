"""Fit the ranking weights and the abstention thresholds on the calibration suites only
(``seed-calibration``, ``pack-calibration``), never on the suites the evals report.

    python benchmarks/calibrate.py [--embedder sentence-transformers] [--top 8]

Stage 1, ranking: every combination of the weight grid; a question scores when its first
ranked sentence is a gold one (hit@1), averaged over the answerable calibration questions.
Stage 2, thresholds, with the best weights: every combination of min_score, max_uncovered
and min_coverage; the objective is the balanced accuracy of the whole answer (a calibration
case passes as in ``python -m evals``: answered with its facts and gold citations, or
abstained when it should be). Prints the best of each; put them in Settings' defaults.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from typing import Any

from common import machine_line

from assistant import Assistant, Settings
from assistant.search.scoring import Weights
from evals.metrics import hit_at_k, mean, reciprocal_rank
from evals.runner import run_case
from evals.suite import SUITES, build_assistant, stored_sentences

CALIBRATION = ("seed-calibration", "pack-calibration")
WEIGHTS = {
    "context": (0.0, 0.1, 0.2, 0.3),
    "lexical": (0.0, 0.03, 0.06, 0.1),
    "answer_type": (0.0, 0.02, 0.04),
    "title": (0.0, 0.03, 0.06),
}
THRESHOLDS = {
    "min_score": (0.78, 0.8, 0.82, 0.83, 0.84),
    "max_uncovered": (0.34, 0.5, 0.67, 1.01),
    "min_coverage": (0.0, 0.2, 0.34, 0.5),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder")
    parser.add_argument("--top", type=int, default=8, help="how many of the best to print")
    args = parser.parse_args()
    base = Settings.from_env(**({"embedder": args.embedder} if args.embedder else {}))
    suites = {name: build_assistant(base, SUITES[name]) for name in CALIBRATION}
    print(machine_line() + "\n")
    weights = _stage_one(suites, args.top)
    _stage_two(suites, weights, args.top)


def _stage_one(suites: dict[str, Assistant], top: int) -> Weights:
    rows = []
    for values in itertools.product(*WEIGHTS.values()):
        weights = Weights(**dict(zip(WEIGHTS, values, strict=True)))
        hits, reciprocal = [], []
        for name, assistant in suites.items():
            assistant.retriever.weights = weights
            for case in SUITES[name].cases():
                if case.answerable and case.gold:
                    ranked = assistant.retrieve(case.question, list(case.history) or None).hits
                    ids = [h.sentence_id for h in ranked]
                    hits.append(hit_at_k(ids, set(case.gold_ids), 1))
                    reciprocal.append(reciprocal_rank(ids, set(case.gold_ids)))
        rows.append((mean(hits), mean(reciprocal), values))
    rows.sort(key=lambda row: (-row[0], -row[1], row[2]))  # ties: the better MRR
    print("## Ranking weights (hit@1, then MRR, on the answerable calibration questions)\n")
    print("| hit@1 | MRR | " + " | ".join(WEIGHTS) + " |")
    print("|---|---|" + "---|" * len(WEIGHTS))
    for score, mrr, values in rows[:top]:
        print(f"| {score:.3f} | {mrr:.3f} | " + " | ".join(f"{v:g}" for v in values) + " |")
    best = Weights(**dict(zip(WEIGHTS, rows[0][2], strict=True)))
    print(f"\nbest: {best}\n")
    return best


def _stage_two(suites: dict[str, Assistant], weights: Weights, top: int) -> None:
    rows = []
    for values in itertools.product(*THRESHOLDS.values()):
        chosen = dict(zip(THRESHOLDS, values, strict=True))
        answered, abstained = [], []
        for name, assistant in suites.items():
            assistant.retriever.weights = weights
            assistant.limits = replace(assistant.limits, **chosen)
            stored = stored_sentences(assistant)
            for case in SUITES[name].cases():
                if case.answerable or case.abstain:
                    result = run_case(assistant, stored, case)
                    (abstained if case.abstain else answered).append(result.passed)
        balanced = (sum(answered) / len(answered) + sum(abstained) / len(abstained)) / 2
        rows.append(
            (balanced, sum(answered) / len(answered), sum(abstained) / len(abstained), values)
        )
    rows.sort(key=lambda row: (-row[0], row[3]))
    print("## Thresholds (balanced accuracy of answering and abstaining, calibration suites)\n")
    print("| balanced | answered | abstained | " + " | ".join(THRESHOLDS) + " |")
    print("|---|---|---|" + "---|" * len(THRESHOLDS))
    for balanced, ok_answer, ok_abstain, values in rows[:top]:
        cells = " | ".join(f"{v:g}" for v in values)
        print(f"| {balanced:.3f} | {ok_answer:.3f} | {ok_abstain:.3f} | {cells} |")
    best: dict[str, Any] = dict(zip(THRESHOLDS, rows[0][3], strict=True))
    print(f"\nbest: {best}")


if __name__ == "__main__":
    main()
