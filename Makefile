# The README's commands. Each creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test screenshots lint format bench soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sunrelay migrate --no-input
	$(BIN)/sunrelay demo --if-empty
	$(BIN)/sunrelay serve

serve: $(STAMP)
	$(BIN)/sunrelay migrate --no-input
	$(BIN)/sunrelay serve

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The README's and docs' pictures, taken by the browser tests.
screenshots: $(STAMP)
	SUNRELAY_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q tests/e2e

lint: $(STAMP)
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

bench: $(STAMP)
	$(BIN)/python -m bench

# Long runs against real servers on loopback (minutes each).
soak: $(STAMP)
	$(BIN)/python -m bench.soak_api

clean:
	rm -rf $(VENV) .pytest_cache
