# The two commands a newcomer needs: `make` (build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# every version `make` and CI install, pinned: the same bytes on every machine
LOCK := compiler/bocompile/requirements.lock

.PHONY: all build check test fuzz lint bench lock clean

all: build

$(BIN)/bocompile: pyproject.toml setup.py $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint $(LOCK) -e '.[test,dev]'
	touch $@

build: $(BIN)/bocompile
	$(BIN)/bocompile --consolidate

check: $(BIN)/bocompile
	$(BIN)/bocompile check

test: lint
	$(BIN)/pytest

# fuzz the readers and whole projects for FUZZ_SECONDS (make fuzz FUZZ_SECONDS=600)
FUZZ_SECONDS ?= 300
fuzz: $(BIN)/bocompile
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
