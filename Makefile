# The two commands a newcomer needs: `make` (build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# every version `make` and CI install, pinned: the same bytes on every machine
LOCK := compiler/bocompile/requirements.lock

.PHONY: all build check test fuzz lint bench lock clean bytecode

all: build

$(BIN)/bocompile: pyproject.toml setup.py $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint $(LOCK) -e '.[test,dev]'
	touch $@

build: bytecode
	$(BIN)/bocompile --consolidate

check: bytecode
	$(BIN)/bocompile check

test: lint bytecode
	$(BIN)/pytest

# the compiler's bytecode, written once: an editable install leaves it to
# Python's first run, and where PYTHONDONTWRITEBYTECODE is set (container
# images often set it) every run would compile every module again: 0.25 s
# of each command's start here (bench/README.md). Only what changed is
# compiled anew.
bytecode: $(BIN)/bocompile
	$(BIN)/python -m compileall -q compiler/bocompile

# fuzz the readers and whole projects for FUZZ_SECONDS (make fuzz FUZZ_SECONDS=600)
FUZZ_SECONDS ?= 300
fuzz: bytecode
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest tests/test_fuzz.py

# ruff check, ruff format --check and mypy: `make test` runs them first
lint: $(BIN)/bocompile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(BIN)/bocompile
	$(BIN)/python bench/run.py

# re-resolve after changing dependencies in pyproject.toml; PIP_COMPILE_FLAGS=--upgrade moves every pin
lock: $(BIN)/bocompile
	$(BIN)/pip-compile --quiet --extra test --extra dev --strip-extras --no-emit-index-url \
	  --no-emit-find-links --no-emit-trusted-host $(PIP_COMPILE_FLAGS) --output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) output/base output/amendments output/consolidated output/manifest.json output/.current \
		output/.builds
