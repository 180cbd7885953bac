# The two commands of the README: `make run` (set up and serve the demo) and `make test` (the whole suite).
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The local mirror of the official open data: PLI_DATA_DIR, or ../shared/data beside the checkout.
PLI_DATA_DIR ?= $(if $(wildcard ../shared/data),$(abspath ../shared/data),)
export PLI_DATA_DIR

.PHONY: run setup install test lint format messages clean-db bench query-counts

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	PLI_ENVIRONMENT=demo $(BIN)/pli runserver 127.0.0.1:$(PORT)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

setup: install
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install gettext (Debian/Ubuntu: apt-get install gettext)"; exit 1; }
	PLI_ENVIRONMENT=demo $(BIN)/pli migrate --no-input
	PLI_ENVIRONMENT=demo $(BIN)/pli compilemessages --ignore=.venv --verbosity 0
	PLI_ENVIRONMENT=demo $(BIN)/pli setup_data
	PLI_ENVIRONMENT=demo $(BIN)/pli demo
	PLI_ENVIRONMENT=demo $(BIN)/pli remind

test: install
	bash scripts/test.sh

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

messages: install
	$(BIN)/pli makemessages -l fr --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/pli makemessages -d djangojs -l fr --ignore=.venv --ignore=var --ignore=pli/static/vendor --no-obsolete
	$(BIN)/pli compilemessages --ignore=.venv

bench: install
	$(BIN)/python bench/run_all.py

# Record the query counts of the pages, API lists and exports after a change made on purpose
# (pli/tests/query_counts.py); read the diff of */tests/query_counts.json before committing it.
query-counts: install
	PLI_ENVIRONMENT=test PLI_UPDATE_QUERY_COUNTS=1 $(BIN)/pytest -n 2 -m "not browser" -q
