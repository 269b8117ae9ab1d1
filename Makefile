# Two commands set up everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SIZES ?= 10 1000 10000

.PHONY: install run test compile lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

compile: install
	$(BIN)/python -m facts compile

run: install
	$(BIN)/python -m facts compile
	$(BIN)/python bot.py

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy facts handlers bot

bench: install
	$(BIN)/python -m benchmarks.run --sizes $(SIZES)

clean:
	rm -rf var/*.sqlite3* .pytest_cache
