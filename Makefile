# newskit: every target a user needs. `make` alone lists them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PARAMS ?= params/sample.yaml
REPORT_DIR ?= reports/$(basename $(notdir $(PARAMS)))

.DEFAULT_GOAL := help
.PHONY: help setup test report reports lab lint eval bench sync-notebooks clean browser report-check

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@echo "Setting up .venv from requirements.lock: a few minutes on first run (about 120 packages)."
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --disable-pip-version-check --progress-bar on -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name newskit --display-name "Python (newskit)" >/dev/null
	-git rev-parse --git-dir >/dev/null 2>&1 && $(VENV)/bin/nbstripout --install
	touch $(STAMP)

setup: $(STAMP) ## create .venv from requirements.lock, install the kit, register the `newskit` kernel

test: $(STAMP) browser ## run the test suite
	$(PY) -m pytest

# Headless Chromium for tests/test_browser.py: Debian's packages, installed only when missing and only
# where apt-get runs as root; elsewhere a one-line note, and the browser tests are skipped.
BROWSER_PACKAGES := chromium chromium-driver
browser: ## install headless Chromium and its driver for the browser tests (Debian packages; quick when present)
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make browser: installing Debian's $(BROWSER_PACKAGES) for the browser tests (under a minute)"; \
	  apt-get update -qq -o Acquire::Retries=3 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends -o Acquire::Retries=3 -o DPkg::Lock::Timeout=120 $(BROWSER_PACKAGES) >/dev/null; \
	else \
	  echo "make browser: no chromium/chromedriver and apt-get cannot run as root here; browser tests will be skipped (install Debian's $(BROWSER_PACKAGES) to run them)"; \
	fi

# A report is rebuilt only when something it reads changed: the kit's code, the notebooks, the
# parameter file, or an input file the parameters name (listed, after setup, by newskit.params).
REPORT_SOURCES = $(wildcard src/newskit/*.py src/newskit/*/*.py src/newskit/*/templates/* notebooks/*.ipynb)
.SECONDEXPANSION:
report: $(REPORT_DIR)/manifest.json ## run the main job on the sample corpus into reports/sample/ (PARAMS=params/x.yaml for another)

$(REPORT_DIR)/manifest.json: $(STAMP) $(REPORT_SOURCES) $(PARAMS) $$(shell $(PY) -m newskit.params inputs $(PARAMS) 2>/dev/null)
	$(VENV)/bin/newskit report --params $(PARAMS) --out $(REPORT_DIR)

report-check: report browser ## open every page of the report in headless Chromium; screenshots to reports/<name>-screenshots/
	$(PY) -m newskit.browser_check $(REPORT_DIR) --screenshots $(REPORT_DIR)-screenshots

reports: $(STAMP) ## run a report for every params/*.yaml (skipping those whose inputs are not here)
	@for p in params/*.yaml; do \
	  $(PY) -m newskit.params inputs $$p >/dev/null; status=$$?; \
	  if [ $$status -eq 3 ]; then echo "skipping $$p: an input it names is not on this machine"; continue; fi; \
	  [ $$status -eq 0 ] || exit 1; \
	  $(MAKE) --no-print-directory report PARAMS=$$p || exit 1; \
	done

lab: $(STAMP) ## open JupyterLab on notebooks/ with the kit's kernel
	$(VENV)/bin/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

lint: $(STAMP) ## ruff, and no committed notebook outputs
	$(VENV)/bin/ruff check src tests eval bench
	$(PY) -m newskit.notebook_checks notebooks

eval: $(STAMP) ## score extraction against the dev gold set; statistics and topics on the dev corpus (needs ../shared)
	$(PY) eval/evaluate.py
	$(PY) eval/dev_statistics.py
	$(PY) eval/dev_topics.py

bench: $(STAMP) ## print throughput, memory and timing figures, the report beside its floor and at 20,000 articles (BENCH_QUICK=1: without the large report; writes bench/results.json)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r bench/requirements-bench.lock
	$(PY) bench/run_bench.py

sync-notebooks: $(STAMP) ## pair each notebook with its py:percent twin (jupytext)
	$(VENV)/bin/jupytext --sync notebooks/*.ipynb

clean: ## remove built reports, stage files (data/interim/) and caches (never data/raw/ nor .venv)
	rm -rf reports/ data/interim/ .pytest_cache .ruff_cache .hypothesis build dist src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
