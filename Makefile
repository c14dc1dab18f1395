# Townsquare: `make run` serves the demo council; `make test` runs the tests.
# Both set up what is missing first, so they work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export TOWNSQUARE_DATA_DIR ?= $(CURDIR)/var
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres bench lint format setup frontend clean

# The virtual environment is rebuilt only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(BIN)/townsquare migrate --no-input
	$(BIN)/townsquare collectstatic --no-input --verbosity 0
	$(BIN)/townsquare demo
	@echo "Two-factor sign-in is OFF for this demo (TOWNSQUARE_REQUIRE_2FA=false), so the demo"
	@echo "administrator and stewards can sign in with a password alone. Keep it on for real use."
	TOWNSQUARE_REQUIRE_2FA=false $(BIN)/townsquare serve --port $(PORT)

test: setup
	$(BIN)/python -m pytest -n 2

test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(BIN)/python -m pytest -n 2

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/catalogue.py
	$(BIN)/python bench/knowledge.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/query.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/api.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
