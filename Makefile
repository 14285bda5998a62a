# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TORCH  := torch==2.13.0

export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint types unit evals ingest pack-manifest bench bench-quality bench-scale bench-ui browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and pinned: an unpinned torch (pulled by sentence-transformers) is a multi-GB CUDA build.
	$(PY) -m pip install --quiet $(TORCH)
	$(PY) -m pip install --quiet -e '.[test,llm,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) app.py   # refreshes the index from knowledge/ (with progress), then serves the UI

ingest: $(STAMP)
	$(PY) -m assistant ingest

# After editing the knowledge pack: the list of its files by content, which is what lets a
# pack summary say it was written by this project (tests/test_pack_provenance.py checks it).
pack-manifest: $(STAMP)
	$(PY) -c "from pathlib import Path; from assistant.reading.pack import MANIFEST, manifest; \
		Path('knowledge', MANIFEST).write_text(manifest(Path('knowledge')), encoding='utf-8')"

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types: $(STAMP)
	$(PY) -m mypy

# UI tests drive Debian's Chromium through playwright (playwright's own download cannot work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium for the UI tests (apt-get install chromium)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# pytest-xdist, one file per worker at a time (a file's fixtures stay in one process). Three
# workers on two cores: about a third of the tests' time is spent waiting on servers, browsers
# and subprocesses. `make unit TEST_WORKERS=0` runs them in one process.
TEST_WORKERS ?= 3

unit: $(STAMP) browser
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

evals: $(STAMP)
	$(PY) -m evals --baseline evals/baseline.json

# Lint first (seconds); then types, tests and evals side by side, each one's output shown whole
# when it ends.
test: lint
	$(MAKE) --no-print-directory -j3 --output-sync=target types unit evals

# The quick set (article-size, about 2 minutes); `make bench-scale` is the corpus-size run.
bench: $(STAMP)
	$(PY) benchmarks/compare.py --runs 3 --record

bench-quality: $(STAMP)
	$(PY) -m training fit
	$(PY) benchmarks/latency.py

bench-scale: $(STAMP)
	$(PY) benchmarks/scale.py --sizes 1000,10000,100000 --record

bench-ui: $(STAMP)
	$(PY) benchmarks/ui_startup.py
	$(PY) benchmarks/load.py --users 32 --questions 10

clean:
	rm -rf $(VENV) .data evals/reports test-artifacts
