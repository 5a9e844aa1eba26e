# Two commands for a fresh machine:
#   make site   set up .venv and build the bundled edition into site/
#   make test   set up .venv (and Chromium for browser tests), then run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test setup schema clean

site: $(STAMP)
	$(BIN)/python build.py

test: $(STAMP)
	$(BIN)/python -m pytest

setup: $(STAMP)

# After editing schema/edition.rnc: regenerate schema/edition.rng.
schema: $(STAMP)
	$(BIN)/python -m edition.schemagen

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis
