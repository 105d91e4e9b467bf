# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test setup db refdata bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

## Create or upgrade the database; load the demo when it is empty.
db: setup
	$(PY) -m kpi init
	$(PY) -m kpi demo

## Set up, then serve the app on http://localhost:$(PORT).
run: db
	$(PY) -m streamlit run app.py --server.port $(PORT)

## Set up, then run every test layer (browser tests skip without chromium).
test: setup
	$(PY) -m pytest -n 2 --dist loadgroup -q

## Regenerate data/units/ from the vietnamadminunits package.
refdata: setup
	$(PY) data/build_admin_units.py

clean:
	rm -rf $(VENV) .pytest_cache data/*.db data/*.db-wal data/*.db-shm
