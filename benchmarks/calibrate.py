"""Calibrate the abstention rule on a calibration suite (not on the eval cases).

For each question: the best cosine similarity and the share of its content words that no
source uses. Prints both per question, then how each candidate rule (min_score, max share)
does: answerable questions answered, unanswerable ones abstained.

    python benchmarks/calibrate.py [--suite seed-calibration] [--embedder sentence-transformers]
"""

from __future__ import annotations

import argparse

from assistant import Settings
from evals.suite import SUITES, build_assistant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder")
    parser.add_argument("--suite", default="seed-calibration", choices=sorted(SUITES))
    args = parser.parse_args()
    base = Settings.from_env(**({"embedder": args.embedder} if args.embedder else {}))
    suite = SUITES[args.suite]
    assistant = build_assistant(base, suite)
    rows = []
    for case in suite.cases():
        r = assistant.retrieve(case.question, list(case.history) or None)
        score = max((h.score for h in r.hits), default=0.0)
        rows.append((case.abstain, score, r.uncovered_share, case.question, r.uncovered))
    for abstain, score, share, question, words in sorted(rows, key=lambda row: row[1]):
        print(
            f"{'UNANSWERABLE' if abstain else 'answerable  '} cos={score:.3f} "
            f"uncovered={share:.2f} {words} {question}"
        )
    answerable = sum(not row[0] for row in rows)
    unanswerable = len(rows) - answerable
    print(f"\n{answerable} answerable, {unanswerable} unanswerable questions")
    print("min_score  max_uncovered  answered(answerable)  abstained(unanswerable)  balanced")
    rules = []
    for min_score in [x / 100 for x in range(30, 95)]:
        for share in (0.34, 0.5, 0.67, 1.01):  # 1.01 = coverage not used
            ok_answer = sum(1 for a, s, u, *_ in rows if not a and s >= min_score and u < share)
            ok_abstain = sum(1 for a, s, u, *_ in rows if a and (s < min_score or u >= share))
            balanced = (ok_answer / answerable + ok_abstain / unanswerable) / 2
            rules.append((balanced, min_score, share, ok_answer, ok_abstain))
    rules.sort(key=lambda rule: (-rule[0], rule[1]))  # ties: the lower threshold answers more
    for balanced, min_score, share, ok_answer, ok_abstain in rules[:8]:
        print(
            f"{min_score:9.2f}  {share:13.2f}  {ok_answer:20d}  {ok_abstain:23d}  {balanced:8.3f}"
        )
    similarity_only = max((r for r in rules if r[2] > 1), key=lambda r: r[0])
    print(
        f"(best without the coverage rule: min_score={similarity_only[1]:.2f}, "
        f"balanced accuracy {similarity_only[0]:.3f})"
    )
    best = rules[0]
    print(
        f"\nbest: min_score={best[1]:.2f} max_uncovered={best[2]:.2f} "
        f"balanced accuracy={best[0]:.3f}"
    )


if __name__ == "__main__":
    main()
