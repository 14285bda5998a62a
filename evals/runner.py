"""Run eval cases against an assistant and score them."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant import Answer, Assistant

from .cases import Case
from .metrics import has_fact, hit_at_k, mean, percentile, precision_recall, reciprocal_rank


@dataclass(frozen=True)
class CaseResult:
    """How one case went."""

    case: Case
    answer: Answer
    ranked: tuple[str, ...]
    facts_ok: bool
    citations_valid: bool
    cited_gold: bool
    citation_precision: float
    language_ok: bool
    must_not_ok: bool
    latency_ms: float

    @property
    def passed(self) -> bool:
        c, a = self.case, self.answer
        if c.smalltalk:
            return a.kind == "smalltalk" and not a.citations
        if c.abstain:
            return a.abstained and not a.citations and self.language_ok and self.must_not_ok
        return (
            not a.abstained
            and self.facts_ok
            and self.citations_valid
            and (self.cited_gold or not c.gold)
            and self.language_ok
            and self.must_not_ok
        )


def run_case(assistant: Assistant, stored: dict[str, str], case: Case) -> CaseResult:
    """Ask one case; ``stored`` maps sentence id -> original text as indexed."""
    history = list(case.history) or None
    started = time.perf_counter()
    answer = assistant.ask(case.question, history)
    latency = (time.perf_counter() - started) * 1000
    ranked: tuple[str, ...] = ()
    if case.answerable:
        ranked = tuple(h.sentence_id for h in assistant.retrieve(case.question, history).hits)
    gold = set(case.gold)
    valid = all(stored.get(c.sentence_id) == c.quote for c in answer.citations)
    relevant = [
        c.sentence_id in gold or any(has_fact(c.quote + " " + c.shown, f) for _, f in case.facts)
        for c in answer.citations
    ]
    return CaseResult(
        case=case,
        answer=answer,
        ranked=ranked,
        facts_ok=all(has_fact(answer.text, forms) for _, forms in case.facts),
        citations_valid=valid,
        cited_gold=any(c.sentence_id in gold for c in answer.citations),
        citation_precision=mean([float(r) for r in relevant]) if relevant else float("nan"),
        language_ok=answer.language == case.language,
        must_not_ok=not any(p.casefold() in answer.text.casefold() for p in case.must_not),
        latency_ms=latency,
    )


def summarize(results: Sequence[CaseResult]) -> dict[str, Any]:
    """Metrics over ``results`` (answerable cases for IR and facts, all for abstention)."""
    answerable = [r for r in results if r.case.answerable]
    ir = [r for r in answerable if r.case.gold]
    questions = [r for r in results if not r.case.smalltalk]
    cited = [r for r in answerable if r.answer.citations]
    precision, recall = precision_recall(
        [r.answer.abstained for r in questions], [r.case.abstain for r in questions]
    )
    latencies = [r.latency_ms for r in results]
    return {
        "cases": len(results),
        "passed": sum(r.passed for r in results),
        "fact_accuracy": mean([float(r.facts_ok and not r.answer.abstained) for r in answerable]),
        "hit@1": mean([hit_at_k(r.ranked, set(r.case.gold), 1) for r in ir]),
        "hit@3": mean([hit_at_k(r.ranked, set(r.case.gold), 3) for r in ir]),
        "mrr": mean([reciprocal_rank(r.ranked, set(r.case.gold)) for r in ir]),
        "citation_validity": mean([float(r.citations_valid) for r in results]),
        "citation_support": mean([float(r.cited_gold) for r in ir]),
        "citation_precision": mean([r.citation_precision for r in cited]),
        "abstention_precision": precision,
        "abstention_recall": recall,
        "language_accuracy": mean([float(r.language_ok) for r in results]),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
