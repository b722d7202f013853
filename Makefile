# The book's commands. Each target sets up what it needs on a fresh machine
# (Python 3.11+, pip, git; `make test` also installs Debian's chromium).
#
#   make html       build the site into _build/html, warnings as errors
#   make test       everything: data validation, then side by side the prose check,
#                   lint and unit tests, and nbval over every chapter, the strict
#                   build and the browser tests (under 5 minutes on two cores)
#   make test-nobrowser  every test that needs no browser
#   make validate   check data/ against data/datapackage.json only
#   make corrections  check that each committed change to a published value
#                   in data/ adds its row to data/corrections.csv
#   make notebooks  re-execute the chapters in place, refreshing their outputs
#                   (CHAPTER=book/history.ipynb: that chapter alone)
#   make check-outputs  nbval over every chapter, stale outputs reported per chapter
#   make lab        JupyterLab on the book's folder, for students
#   make restore    put data/ and book/ back as committed
#   make bench      make html (cold, nothing changed) and make test times as ratios,
#                   page weights and Lighthouse scores for this machine
#
# The browser tests drive Debian's chromium (installed with apt-get when
# missing), or any Chrome or Chromium: CHROMIUM=/path/to/chrome make test

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := html

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
READY := $(VENV)/.ready
DEBIAN_CHROMIUM := /usr/bin/chromium
CHROMIUM ?= $(DEBIAN_CHROMIUM)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The notebooks' kernel is the environment's own Python.
export PATH := $(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The browser tests and the benchmark drive this Chromium.
export TRACINGBOOK_CHROMIUM := $(CHROMIUM)

BUILD_FLAGS := --warningiserror --nitpick --keep-going
# make test builds here, from the outputs nbval has just checked, so that the
# readers' build in _build/html keeps its own cache of executed chapters.
TEST_BUILD := _build/test
TEST_SITE := $(TEST_BUILD)/_build/html

.PHONY: html test test-nobrowser test-checks test-site test-site-browser test-browser validate corrections prose lint notebooks check-outputs \
	lab restore bench clean setup browser

$(READY): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(READY)

# Debian's chromium is installed when it is the one asked for and missing;
# any other browser must already be there.
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$(CHROMIUM)" != "$(DEBIAN_CHROMIUM)" ]; then \
		echo "No browser at CHROMIUM=$(CHROMIUM): name a Chrome or Chromium program that exists." >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null; then \
		echo "The browser tests need Chrome or Chromium. Run: CHROMIUM=/path/to/chrome make test" >&2; \
		echo "(on a Mac: CHROMIUM=\"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\"), or" >&2; \
		echo "run every test that needs no browser with: make test-nobrowser" >&2; exit 1; fi; \
	echo "Installing Debian's chromium for the browser tests"; \
	$(SUDO) apt-get update -qq; \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# Validation first, so bad data stops with its message alone, before Jupyter Book starts;
# skipped when data/ and the package are as they were when it last passed
# (_build/data-valid.sha256), as the build's own check is then. Then the PDF edition,
# printed again only when a page changed (and said so when no browser is there to print it).
html: $(READY)
	$(BIN)/python -m tracingbook validate --if-changed
	$(BIN)/python -m tracingbook output-folder _build
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	$(BIN)/python -m tracingbook pdf --if-changed

validate: $(READY)
	$(BIN)/python -m tracingbook validate

corrections: $(READY)
	$(BIN)/python -m tracingbook corrections

prose: $(READY)
	$(BIN)/python -m tracingbook prose

lint: $(READY)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	$(BIN)/lint-imports

# CHAPTER=book/history.ipynb runs that chapter alone.
notebooks: $(READY)
	$(BIN)/python -m tracingbook notebooks $(CHAPTER)

check-outputs: $(READY)
	$(BIN)/python -m tracingbook check-outputs

# After validation (bad data stops everything with its message alone), two streams
# run side by side, one for each core of a two-core machine, each reported whole:
#   test-checks  the prose check, lint, the unit tests (small synthetic data, never data/)
#   test-site    nbval, which executes each chapter once and compares every output with
#                the stored one (the one check that ties the book to data/), then the
#                strict build, which shows those stored outputs and executes nothing;
#                in make test, then the browser tests on that build.
PARALLEL := --no-print-directory -j2 --output-sync=target

test-nobrowser: $(READY)
	$(BIN)/python -m tracingbook validate
	$(BIN)/python -m tracingbook corrections
	$(MAKE) $(PARALLEL) test-checks test-site

test-checks: $(READY)
	$(BIN)/python -m tracingbook prose
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -m "not browser"

test-site: $(READY)
	$(BIN)/python -m tracingbook check-outputs
	$(BIN)/python -m tracingbook output-folder $(TEST_BUILD)
	TRACINGBOOK_STORED_OUTPUTS=1 $(BIN)/jupyter-book build . --path-output $(TEST_BUILD) $(BUILD_FLAGS)

# axe-core, pinned in package-lock.json, which the browser tests inject into every page.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test-browser: $(READY) browser $(AXE)
	TRACINGBOOK_STORED_OUTPUTS=1 $(BIN)/python -m tracingbook pdf --path-output $(TEST_BUILD)
	TRACINGBOOK_SITE=$(abspath $(TEST_SITE)) $(BIN)/python -m pytest -m browser

test-site-browser: $(READY) browser $(AXE)
	$(MAKE) --no-print-directory test-site
	$(MAKE) --no-print-directory test-browser

test: $(READY) browser $(AXE)
	$(BIN)/python -m tracingbook validate
	$(BIN)/python -m tracingbook corrections
	$(MAKE) $(PARALLEL) test-checks test-site-browser

lab: $(READY)
	$(BIN)/python -m tracingbook lab $(if $(NO_BROWSER),--no-browser)

# After trying things out: the data and the chapters exactly as committed.
restore:
	git checkout -- data book
	@git status --short -- data book
	@echo "data/ and book/ are as committed."

# Builds a temporary copy of the book (never this one) and prints its figures.
bench: $(READY) browser
	$(BIN)/python bench/run.py

clean:
	rm -rf _build book/references.bib

# The whole book as one PDF, printed by Chromium from the single-page build
# (_build/html/tracing-book.pdf) and offered on its landing page, even if nothing changed.
.PHONY: pdf
pdf: html browser
	$(BIN)/python -m tracingbook pdf

# Lighthouse for make bench, at the version bench/package-lock.json pins.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
bench: bench/node_modules/.package-lock.json
