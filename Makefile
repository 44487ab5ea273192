# Mesa's entry points. `make run` and `make test` work on a fresh machine with python3.11.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Touched after each install: pip runs again only when pyproject.toml is newer.
INSTALLED := $(VENV)/.installed

.PHONY: run test lint schema bench install

run: $(INSTALLED)
	$(BIN)/mesa migrate
	$(BIN)/mesa seed-demo
	$(BIN)/mesa serve

test: lint
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

schema: $(INSTALLED)
	$(BIN)/mesa export-schema

bench: $(INSTALLED)
	@if [ -f bench/__main__.py ]; then $(BIN)/python -m bench; \
	else echo "bench: no bench package yet (bench/__main__.py)"; fi

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e ".[dev]"
	touch $@
