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

.PHONY: help demo test lint format messages install system-deps translations bench clean

help:
	@echo "make demo   - set everything up and serve http://127.0.0.1:8000 (SQLite, sandbox payments)"
	@echo "make test   - the whole test suite on PostgreSQL (DATABASE_URL, default $(DATABASE_URL))"
	@echo "make lint   - ruff (check, format), the import layers (lint-imports), missing migrations,"
	@echo "              and every app's Arabic catalogue against its source strings"
	@echo "make messages - re-extract every app's catalogue (keeps translations; translate the new ones)"

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
	@DJANGO_SETTINGS_MODULE=joud.settings.base $(PY) manage.py compile_translations

demo: install translations
	@mkdir -p var
	@bash scripts/demo.sh

# apt packages the test suite needs (Chromium for the browser journeys). Root only; idempotent.
system-deps:
	@bash scripts/system-deps.sh

test: install translations system-deps
	@$(PY) scripts/check_postgres.py
	$(PY) -m pytest $(PYTEST_ARGS)
	DATABASE_URL=sqlite:///$(CURDIR)/var/test-sqlite.sqlite3 $(PY) -m pytest -q -m sqlite tests/donations tests/ledger

.PHONY: e2e
# Only the real-browser journeys (they run in `make test` too); screenshots: test-artifacts/e2e/.
e2e: install translations system-deps
	@$(PY) scripts/check_postgres.py
	$(PY) -m pytest tests/e2e -m e2e $(PYTEST_ARGS)

# The layers (pyproject's import-linter contracts) are checked on this tree's src, not on
# whatever copy of joud the virtualenv happens to point at. Migrations are checked on SQLite
# in memory (the demo's settings): no server needed.
lint: install system-deps
	$(VENV)/bin/ruff check src tests scripts cluster
	$(VENV)/bin/ruff format --check src tests scripts cluster
	PYTHONPATH=src $(VENV)/bin/lint-imports
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=joud.settings.base \
		$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_translations.py

# After changing strings (or merging branches that did): every app's Arabic catalogue is
# re-extracted from its sources, existing translations kept, stale ones dropped. Then translate
# every new or fuzzy entry (remove the fuzzy flag once checked) and run `make lint`.
messages: install
	@for apps_py in src/joud/*/apps.py; do \
		app=$$(dirname "$$apps_py"); echo "messages: $$app"; mkdir -p "$$app/locale"; \
		(cd "$$app" && DJANGO_SETTINGS_MODULE=joud.settings.base PYTHONPATH="$(CURDIR)/src" \
			"$(abspath $(VENV))/bin/django-admin" makemessages -l ar --no-obsolete -v0) || exit 1; \
	done
	@DJANGO_SETTINGS_MODULE=joud.settings.base $(PY) manage.py compile_translations

format: install
	$(VENV)/bin/ruff check --fix src tests scripts cluster
	$(VENV)/bin/ruff format src tests scripts cluster

clean:
	rm -rf var/joud.sqlite3* var/static

# Duplicate detection of beneficiary cases: quality against labelled synthetic data, and speed.
# Then the insights models: the Hijri-aware forecast backtest (WAPE against the Gregorian and
# Hijri seasonal-naive baselines), recommendations (recall@10 against popularity) and the
# card-testing detector on injected bursts (precision, recall, false alarms, time to flag).
.PHONY: evaluate
evaluate: install
	$(PY) -m joud.beneficiaries.evaluation $(EVALUATE_ARGS)
	$(PY) -m joud.beneficiaries.evaluation --classic $(EVALUATE_ARGS)
	$(PY) -m joud.insights.evaluation

# The Ramadan-night benchmark (bench/README.md): 2M-donation dataset, gunicorn driven by wrk, the
# bare and pgbench ceilings, exactness checks. Not part of `make test`. BENCH_SCALE=0.01 for a
# quick small version; results and report in bench-results/<timestamp>/ (printed at the end).
bench: install translations
	@bash bench/bench.sh

# More than one machine, proved on this one (issue 13, item 5; cluster/README.md): a PostgreSQL
# primary and streaming replica (new clusters on 5433/5434), PgBouncer, Redis, two gunicorn nodes
# behind nginx (http://127.0.0.1:8200), the task workers and schedulers. Root (apt, PostgreSQL
# clusters). Not part of `make test`. cluster-check: load through nginx, one node killed midway.
.PHONY: cluster cluster-check cluster-stop
cluster: install translations
	@bash cluster/cluster.sh up

cluster-check: install
	@$(PY) cluster/check.py

cluster-stop:
	@bash cluster/cluster.sh stop

# Faults under a confirmation load (issue 17 item 7): its own PostgreSQL cluster (port 5436,
# dropped at the end), gunicorn + task workers + scheduler, a retrying gateway; kill -9 of web
# workers and master, PostgreSQL restarts, task workers stopped and started. Exits 1 on any lost
# or doubled confirmation. Report in test-artifacts/chaos/<timestamp>/. Not part of `make test`.
.PHONY: chaos
chaos: install
	@bash scripts/chaos/chaos.sh

# Security scan (issue 17 item 4; README "Security scan"): wapiti and sqlmap, pinned in
# scripts/scan/requirements.txt and installed in their own virtualenv (.venv-scan, never the
# app's), against the production profile (joud.settings.loopback, gunicorn over HTTPS on
# 127.0.0.1:SCAN_PORT, default 8137) on its own database (joud_scan_target, dropped at the end),
# signed out, as a donor and as an association admin (password + TOTP). Prints the findings by
# severity per tool and session; exits 1 on any of medium severity or above. Reports in
# test-artifacts/scan/<timestamp>/. Not part of `make test`; about 15 minutes on 2 cores.
SCAN_VENV := .venv-scan
SCAN_STAMP := $(SCAN_VENV)/.installed

$(SCAN_STAMP): scripts/scan/requirements.txt
	@test -x $(SCAN_VENV)/bin/python || $(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SCAN_VENV)/bin/python -m pip install --quiet -r scripts/scan/requirements.txt
	@touch $(SCAN_STAMP)

.PHONY: scan
scan: install translations $(SCAN_STAMP)
	@$(PY) scripts/check_postgres.py
	@bash scripts/scan/scan.sh
