# Two commands set up everything on a fresh machine: `make run` and `make test`.
# Another interpreter: `make test PY=$(pyenv root)/versions/3.12.1/bin/python3.12` (the .venv is
# rebuilt when it was made by another Python); another folder for it: VENV=.venv-3.12.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYSTAMP := $(VENV)/.python
SIZES ?= 10 1000 10000
BENCH_FLAGS ?=  # e.g. --keep-base: reuse compiled bases of the same corpus (no cold compile)
# what identifies an interpreter: implementation, version and the installation it belongs to
WHICH := import sys; print(sys.implementation.name, sys.version.split()[0], sys.base_prefix)

.PHONY: install run test compile lint bench messages clean FORCE

install: $(STAMP)

# Runs every time, rewrites the stamp only when the .venv has to be (re)made: a missing .venv,
# one made by another Python than $(PY), or one whose interpreter no longer runs.
$(PYSTAMP): FORCE
	@want="$$($(PY) -c '$(WHICH)' 2>/dev/null)"; \
	if [ -z "$$want" ]; then echo "error: $(PY) does not run; pass PY=/path/to/python3.11 (or newer)" >&2; exit 2; fi; \
	have="$$($(BIN)/python -c '$(WHICH)' 2>/dev/null)"; \
	if [ "$$want" != "$$have" ]; then \
		if [ -d $(VENV) ]; then echo "$(VENV) was made by $${have:-a Python that no longer runs}; rebuilding it with $$want"; fi; \
		rm -rf $(VENV) && $(PY) -m venv $(VENV) && echo "$$want" > $@; \
	elif [ ! -f $@ ]; then echo "$$want" > $@; fi

$(STAMP): pyproject.toml $(PYSTAMP)
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
	$(BIN)/python -m benchmarks.run --sizes $(SIZES) $(BENCH_FLAGS)
	$(BIN)/python -m benchmarks.table

# After adding or changing a message: collect every tr/ntr/N_ string, merge them into the French
# catalogue (new ones come empty, changed ones fuzzy), then translate them in the .po.
messages: install
	$(BIN)/pybabel extract --no-default-keywords -k tr -k ntr:1,2 -k N_ --no-location --sort-output \
		-o $(VENV)/messages.pot handlers bot
	$(BIN)/pybabel update -i $(VENV)/messages.pot -d handlers/locales -D messages -l fr --no-wrap --ignore-obsolete

clean:
	rm -rf var/*.sqlite3* .pytest_cache
