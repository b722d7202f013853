# The book's commands. Each target sets up what it needs on a fresh machine
# (Python 3.11+, pip, git; `make test` also installs Debian's chromium).
#
#   make html       build the site into _build/html, warnings as errors
#   make test       everything: unit tests, data validation, prose check,
#                   nbval over every chapter, the strict build, browser tests
#   make validate   check data/ against data/datapackage.json only
#   make notebooks  re-execute the chapters in place, refreshing their outputs
#   make lab        JupyterLab on the same environment, for students
#   make bench      build and page-weight figures for this machine

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := html

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
READY := $(VENV)/.ready
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LAB_AS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

# The notebooks' kernel is the environment's own Python.
export PATH := $(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The browser tests and the benchmark drive this Chromium.
export TRACINGBOOK_CHROMIUM := $(CHROMIUM)

BUILD_FLAGS := --warningiserror --nitpick --keep-going

.PHONY: html test validate prose lint notebooks lab bench clean setup browser

$(READY): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(READY)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

browser: $(CHROMIUM)

html: $(READY)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)

validate: $(READY)
	$(BIN)/python -m tracingbook validate

prose: $(READY)
	$(BIN)/python -m tracingbook prose

lint: $(READY)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

notebooks: $(READY)
	$(BIN)/python -m tracingbook notebooks

# axe-core, pinned in package-lock.json, which the browser tests inject into every page.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test: $(READY) browser $(AXE)
	$(BIN)/python -m tracingbook validate
	$(BIN)/python -m tracingbook prose
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -m "not browser"
	$(BIN)/python -m pytest --nbval --nbval-current-env -p no:cacheprovider \
		$$($(BIN)/python -m tracingbook list-notebooks)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	$(BIN)/python -m pytest -m browser

lab: $(READY)
	$(BIN)/jupyter lab $(LAB_AS_ROOT) book/

# Builds a temporary copy of the book (never this one) and prints its figures.
bench: $(READY) browser
	$(BIN)/python bench/run.py

clean:
	rm -rf _build book/references.bib

# The whole book as one PDF, printed by Chromium from the built site
# (_build/html/tracing-book.pdf) and offered on its landing page.
.PHONY: pdf
pdf: html browser
	$(BIN)/python -m tracingbook pdf

# Lighthouse for make bench, at the version bench/package-lock.json pins.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
bench: bench/node_modules/.package-lock.json
