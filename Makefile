# Two commands for a fresh machine:
#   make site   set up .venv and build the bundled edition into site/
#   make test   set up .venv, Chromium, Java and the npm checkers, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_STAMP := tests/browser/node_modules/.installed
APT_GET := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: site test lint setup schema golden clean

site: $(STAMP)
	$(BIN)/python build.py

test: lint $(BROWSER_STAMP)
	$(BIN)/python -m pytest

# The code is checked as well as the tests: any finding fails `make test`.
lint: $(STAMP)
	$(BIN)/ruff check edition tests bench build.py
	$(BIN)/mypy

setup: $(STAMP)

# After editing schema/edition.rnc: regenerate schema/edition.rng.
schema: $(STAMP)
	$(BIN)/python -m edition.tei.schemagen

# After an intended change of the HTML: rewrite tests/golden/*/expected.html (read the diff it prints).
golden: $(STAMP)
	$(BIN)/python -m tests.golden --update

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q edition  # where PYTHONDONTWRITEBYTECODE is set, each command would compile it
	touch $(STAMP)

# Browser tests: Debian's Chromium (driven by Playwright), Java for the Nu Html Checker,
# and the npm packages axe-core and vnu-jar (versions pinned in tests/browser/package-lock.json).
$(BROWSER_STAMP): tests/browser/package.json tests/browser/package-lock.json
	command -v chromium >/dev/null || { $(APT_GET) update -q && $(APT_GET) install -y -q chromium; }
	command -v java >/dev/null || { $(APT_GET) update -q && $(APT_GET) install -y -q default-jre-headless; }
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $(BROWSER_STAMP)

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis
