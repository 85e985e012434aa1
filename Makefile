# The two commands a newcomer needs: `make` (build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: all build check test bench clean

all: build

$(BIN)/bocompile: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/bocompile
	$(BIN)/bocompile --consolidate

check: $(BIN)/bocompile
	$(BIN)/bocompile check

test: $(BIN)/bocompile
	$(BIN)/pytest

bench: $(BIN)/bocompile
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) output/base output/amendments output/consolidated output/manifest.json
