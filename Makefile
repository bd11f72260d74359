# Two commands do all the set-up on a fresh machine:
#   make seeds   -> clean both seed documents (prints the result of the main job)
#   make test    -> run the test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup seeds test lint bench conformance fuzz

$(BIN)/textmend: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,ray,fuzz]'
	@touch $@

setup: $(BIN)/textmend

seeds: setup
	@for f in seeds/*.txt; do echo "== $$f"; $(BIN)/textmend clean --convert t2s "$$f"; done

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench tools

bench: setup
	$(BIN)/python bench/run.py --quick

conformance: setup
	$(BIN)/pip install -q -e '.[conformance]'
	$(BIN)/python bench/conformance.py

# Fuzz textmend.clean(bytes) with atheris for FUZZ_SECONDS (crashes saved as fuzz/crash-*).
FUZZ_SECONDS ?= 600
fuzz: setup
	$(BIN)/pip install -q -e '.[fuzz]'
	@mkdir -p fuzz/corpus && cp seeds/*.txt fixtures/clean/*.txt fixtures/sentences/*.txt fuzz/corpus/
	$(BIN)/python fuzz/fuzz_clean.py -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -timeout=60 \
		-artifact_prefix=fuzz/ -print_final_stats=1 fuzz/corpus
