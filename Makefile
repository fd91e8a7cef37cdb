# Joud — the two commands are `make demo` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/joud
export DATABASE_URL

# Python 3.12+: what .python-version names (pyenv), else python3.13 / python3.12 on PATH.
PYTHON ?= $(shell for p in python3 python3.13 python3.12; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then command -v $$p; break; fi; done)

.PHONY: help demo test lint format install system-deps translations bench clean

help:
	@echo "make demo   - set everything up and serve http://127.0.0.1:8000 (SQLite, sandbox payments)"
	@echo "make test   - the whole test suite on PostgreSQL (DATABASE_URL, default $(DATABASE_URL))"
	@echo "make lint   - ruff"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Joud needs Python 3.12 or newer and none was found."; \
		echo "Install it, e.g.:  pyenv install 3.12   (the repo's .python-version names 3.12)"; \
		echo "               or:  sudo apt-get install python3.12 python3.12-venv"; \
		exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

translations: $(STAMP)
	@$(PY) manage.py compile_translations

demo: install translations
	@mkdir -p var
	@bash scripts/demo.sh

# apt packages the test suite needs (Chromium for the browser journeys). Root only; idempotent.
system-deps:
	@bash scripts/system-deps.sh

test: install translations system-deps
	@$(PY) scripts/check_postgres.py
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: e2e
# Only the real-browser journeys (they run in `make test` too); screenshots: test-artifacts/e2e/.
e2e: install translations system-deps
	@$(PY) scripts/check_postgres.py
	$(PY) -m pytest tests/e2e -m e2e $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts

format: install
	$(VENV)/bin/ruff check --fix src tests scripts
	$(VENV)/bin/ruff format src tests scripts

clean:
	rm -rf var/joud.sqlite3* var/static

# Duplicate detection of beneficiary cases: quality against labelled synthetic data, and speed.
.PHONY: evaluate
evaluate: install
	$(PY) -m joud.beneficiaries.evaluation $(EVALUATE_ARGS)

# The Ramadan-night benchmark (issue 6): 2M-donation dataset, gunicorn driven by wrk, the bare
# and pgbench ceilings, exactness checks. Not part of `make test`. BENCH_SCALE=0.01 for a quick
# small version; results and report in bench-results/<timestamp>/ (printed at the end).
bench: install translations
	@bash bench/bench.sh
