# One entry point for people and CI. `make run` starts the dashboard, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
ADDRESS ?= 0.0.0.0

.PHONY: run serve test test-fast lint bench chromium postgresql sample clean-db

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

## Start the dashboard on the embedded SQLite database, loading the sample data on first start.
run: $(VENV)/.installed
	$(PY) -m analysis init-db --sample
	@echo ""
	@echo "  Panelis / Dashboard: http://localhost:$(PORT)"
	@echo ""
	$(PY) -m streamlit run dashboard/app.py --server.headless true --server.port $(PORT) \
		--server.address 127.0.0.1 --browser.gatherUsageStats false

## The shared deployment: REPLICAS (default 2) dashboards on ports PORT, PORT+1, … against one PostgreSQL
## (DATABASE_URL); a reverse proxy spreads people over them. Every replica reads the same database, so a new
## upload shows on each at its next rerun. Refuses to start without DATABASE_URL or without accounts.
REPLICAS ?= 2
serve: $(VENV)/.installed
	@case "$$DATABASE_URL" in postgresql*) ;; *) echo "Norādiet DATABASE_URL=postgresql+psycopg://… (kopīgā datubāze)"; \
		echo "Set DATABASE_URL=postgresql+psycopg://… (the shared database)"; exit 2;; esac
	$(PY) -m analysis init-db
	$(PY) -m analysis users check
	@trap 'kill $$(jobs -p) 2>/dev/null' INT TERM EXIT; \
	for i in $$(seq 0 $$(($(REPLICAS) - 1))); do port=$$(($(PORT) + i)); \
		echo "  Kopija / replica $$i: http://$(ADDRESS):$$port"; \
		$(PY) -m streamlit run dashboard/app.py --server.headless true --server.port $$port \
			--server.address $(ADDRESS) --browser.gatherUsageStats false --server.fileWatcherType none & \
	done; wait

## Parallel test workers (pytest-xdist): the browser tests often wait on servers and Chromium, so one worker more than
## CI's two cores pays; a module's tests share one worker, as they share its server (tests/conftest.py).
TEST_WORKERS ?= 3
XDIST = -n $(TEST_WORKERS) --dist loadscope

## Install everything (Chromium included) and run lint, the layering contract and the whole test suite.
test: $(VENV)/.installed-dev chromium postgresql
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	TEST_NO_SKIPS=1 $(PY) -m pytest $(XDIST)

## Quick work: lint, layering and every test except the browser and PostgreSQL ones (skips allowed).
test-fast: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q $(XDIST) -m "not browser and not postgres"

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

## Browser tests use Debian's Chromium; install it when missing (needs root, as on CI).
chromium:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(chromium --version 2>/dev/null)"; \
	else echo "Installing Debian's chromium…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	fi

## The PostgreSQL tests start a private server from Debian's binaries; install them when missing.
postgresql:
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then echo "postgresql: found"; \
	else echo "Installing Debian's postgresql…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| echo "postgresql: not installed; its tests will be skipped"; \
	fi

## Benchmarks: prints a table and writes bench-results/results.json.
bench: $(VENV)/.installed-dev chromium
	$(PY) -m tests.bench.run --out bench-results/results.json

## Regenerate the synthetic sample data (deterministic).
sample: $(VENV)/.installed
	$(PY) -m sample_municipalities.generate

clean-db:
	rm -f var/bernu_tiesibas.sqlite var/bernu_tiesibas.sqlite-wal var/bernu_tiesibas.sqlite-shm
