"""Ours against the tutorial LangChain RAG (benchmarks/baseline_rag.py), same session, same
process tree, same questions (the eval cases). Prints a table, checks the targets, and with
``--record`` appends both to docs/BENCHMARKS.md with the machine and versions.

    python benchmarks/compare.py [--runs 5] [--record]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine_line

from assistant import Assistant, Settings
from evals.cases import load_cases
from evals.metrics import hit_at_k, mean, percentile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import baseline_rag  # noqa: E402


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process (``args`` after the interpreter)."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "peak.py"), peak.name, *args],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        return time.perf_counter() - started, float(Path(peak.name).read_text() or "nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record", action="store_true", help="append to docs/BENCHMARKS.md")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wuf13-compare-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(tmp / "ours"), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    ours_cli = ["-m", "assistant"]
    base_cli = [str(ROOT / "benchmarks" / "baseline_rag.py")]
    rows: dict[str, tuple[float, float]] = {}

    # First ingest and unchanged re-ingest, as fresh processes (what a user runs).
    rows["first ingest of the article, process (s)"] = (
        run([*ours_cli, "ingest", "--quiet"], env)[0],
        run([*base_cli, "ingest", str(tmp / "base")], env)[0],
    )
    settings = Settings.from_env(env)
    ours = Assistant.from_settings(settings, ensure_index=False)
    reingest = [ours.ingest(progress=False).seconds for _ in range(args.runs)]
    base_store = baseline_rag.open_store(str(tmp / "base-warm"))
    started = time.perf_counter()
    baseline_rag.ingest(str(tmp / "base-re"))  # the tutorial has no incremental path
    rows["re-ingest of unchanged knowledge, in process (s)"] = (
        statistics.median(reingest), time.perf_counter() - started,
    )  # fmt: skip

    cold_ours = [run([*ours_cli, "ask", "When is WUF13?"], env) for _ in range(args.runs)]
    cold_base = [
        run([*base_cli, "ask", str(tmp / "base"), "When is WUF13?"], env) for _ in range(args.runs)
    ]
    rows["cold one-shot CLI answer (s)"] = (
        statistics.median(t for t, _ in cold_ours), statistics.median(t for t, _ in cold_base),
    )  # fmt: skip
    rows["peak RSS of that process (MB)"] = (
        max(m for _, m in cold_ours), max(m for _, m in cold_base),
    )  # fmt: skip

    # Warm latency: our whole ask() against the baseline's bare similarity_search.
    base_store = baseline_rag.open_store(str(tmp / "base"))
    cases = load_cases()
    questions = [c.question for c in cases if not c.history]
    for q in questions[:5]:
        ours.ask(q)
        base_store.similarity_search(q, k=4)
    ours_ms, base_ms = [], []
    for _ in range(max(1, args.runs // 2)):
        for q in questions:
            t = time.perf_counter()
            ours.ask(q)
            ours_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            base_store.similarity_search(q, k=4)
            base_ms.append((time.perf_counter() - t) * 1000)
    rows["warm answer p50 (ms): ask() vs similarity_search"] = (
        statistics.median(ours_ms),
        statistics.median(base_ms),
    )
    rows["warm answer p95 (ms)"] = (percentile(ours_ms, 95), percentile(base_ms, 95))

    # Retrieval: a baseline hit is a chunk that contains the gold sentence's text.
    stored = {
        u.sentence_id: u.text for u in ours.retriever.index().units.values() if not u.is_translation
    }
    quality: dict[str, dict[str, list[float]]] = {}
    for case in (c for c in cases if c.answerable and c.gold_ids):
        history = list(case.history) or None
        ranked = [h.sentence_id for h in ours.retrieve(case.question, history).hits]
        query = " ".join(
            [*(t["content"] for t in case.history if t["role"] == "user"), case.question]
        )
        chunks = [d.page_content for d in base_store.similarity_search(query, k=4)]
        base_ranked = [
            next((g for g in case.gold_ids if stored[g][:60] in chunk), "-") for chunk in chunks
        ]
        gold = set(case.gold_ids)
        for scope in (case.language, "all"):
            q = quality.setdefault(scope, {k: [] for k in ("o1", "o3", "b1", "b3")})
            q["o1"].append(hit_at_k(ranked, gold, 1))
            q["o3"].append(hit_at_k(ranked, gold, 3))
            q["b1"].append(hit_at_k(base_ranked, gold, 1))
            q["b3"].append(hit_at_k(base_ranked, gold, 3))

    lines = [
        machine_line(),
        "",
        "| measure | ours | baseline | ours / baseline |",
        "|---|---|---|---|",
    ]
    for label, (a, b) in rows.items():
        lines.append(f"| {label} | {a:.3g} | {b:.3g} | {a / b:.2f} |")
    for scope in ("en", "az", "ru", "all"):
        q = quality[scope]
        for k in ("1", "3"):
            a, b = mean(q[f"o{k}"]), mean(q[f"b{k}"])
            lines.append(
                f"| hit@{k} {scope} (n={len(q['o1'])}) | {a:.2f} | {b:.2f} | {a / b if b else float('inf'):.2f} |"
            )
    targets = [
        (
            "warm ask() p50 <= baseline's bare similarity_search p50",
            rows["warm answer p50 (ms): ask() vs similarity_search"],
            1.0,
        ),
        ("cold start <= 0.35 x baseline", rows["cold one-shot CLI answer (s)"], 0.35),
    ]
    lines += ["", "| target | ratio | met? |", "|---|---|---|"]
    for label, (a, b), limit in targets:
        lines.append(f"| {label} | {a / b:.2f} | {'met' if a / b <= limit else 'MISSED'} |")
    unchanged = rows["re-ingest of unchanged knowledge, in process (s)"][0]
    lines.append(
        f"| unchanged re-ingest <= 0.3 s | {unchanged:.3f} s | {'met' if unchanged <= 0.3 else 'MISSED'} |"
    )
    text = "\n".join(lines)
    print(text)
    if args.record:
        with open(ROOT / "docs" / "BENCHMARKS.md", "a", encoding="utf-8") as handle:
            handle.write(
                f"\n\n## Ours vs the tutorial LangChain RAG — `python benchmarks/compare.py` ({time.strftime('%Y-%m-%d %H:%M')})\n\n{text}\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
