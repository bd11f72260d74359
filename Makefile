# Two commands do all the set-up on a fresh machine:
#   make seeds   -> clean both seed documents (prints the result of the main job)
#   make test    -> run the test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup seeds test lint bench conformance

$(BIN)/textmend: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,ray]'
	@touch $@

setup: $(BIN)/textmend

seeds: setup
	@for f in seeds/*.txt; do echo "== $$f"; $(BIN)/textmend clean --convert t2s "$$f"; done

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench

bench: setup
	$(BIN)/python bench/run.py --quick

conformance: setup
	$(BIN)/pip install -q -e '.[conformance]'
	$(BIN)/python bench/conformance.py
