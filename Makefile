# Two commands for a fresh machine that has python3 and make:
#   make briefings   run every params file through its notebook and write reports/
#   make test        run the test suite (notebooks are executed inside it)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
JOBS   ?= 2

.PHONY: briefings test lab bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

briefings: $(STAMP)
	$(BIN)/sjzforecast batch params/ --out reports/ --jobs $(JOBS)

test: $(STAMP)
	$(BIN)/python -m pytest

# Offline: no news feed, no update check, no extension catalogue; --allow-root added when running as root
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/explore.ipynb --LabApp.news_url= \
		--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate --LabApp.extension_manager=readonly $(LAB_ARGS)

# Figures, not pass/fail: forecast accuracy against statsforecast, batch wall time, explorer latency
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/explore_latency.py

clean:
	rm -rf $(VENV) reports
