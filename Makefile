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

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/explore.ipynb

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) reports
