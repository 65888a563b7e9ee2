# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# The app's own code, byte-compiled before it starts: a server run with PYTHONDONTWRITEBYTECODE (the service file,
# the image) would otherwise compile every module again on each start, which the first page waits for.
APP_CODE := app.py parindex pages ui

.PHONY: run admin test lint bench bench-browser bench-pages bench-load bench-scale sample clean chromium nginx

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files record that the requirements were installed; they are redone when a list changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

data/sample/manifest.yaml: | $(VENV)/.runtime
	$(BIN)/python -m parindex sample --indicators indicators --out data/sample

run: $(VENV)/.runtime data/sample/manifest.yaml
	$(BIN)/python -m parindex db upgrade --seed
	$(BIN)/python -m parindex users init
	$(BIN)/python -m compileall -q $(APP_CODE)
	$(BIN)/streamlit run app.py --server.port $(PORT)

# The first (or another) administrator, asked for at the terminal: `make admin` or `make admin ADMIN=ten.dang.nhap`.
ADMIN ?= quantri
admin: $(VENV)/.runtime
	$(BIN)/python -m parindex db upgrade
	$(BIN)/python -m parindex users add --username $(ADMIN) --role admin

lint: $(VENV)/.dev
	$(BIN)/ruff check parindex pages ui tests bench app.py
	$(BIN)/ruff format --check parindex pages ui tests bench app.py

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# The deployment tests run nginx (deploy/try-replicas.sh: on free ports, with its own temporary folder).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nginx; \
	  else echo "The deployment tests need nginx: sudo apt-get install nginx" >&2; exit 1; fi; }

# The suite runs in TEST_WORKERS processes (pytest-xdist; `auto`: one per core), a whole test file to a process,
# since the tests of a file share its server and fixtures and some read what an earlier one left; TEST_WORKERS=0
# runs it in this process alone.
TEST_WORKERS ?= auto
test: $(VENV)/.dev chromium nginx
	$(BIN)/ruff check parindex pages ui tests bench app.py
	$(BIN)/ruff format --check parindex pages ui tests bench app.py
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

bench: $(VENV)/.dev
	$(BIN)/python -m bench

bench-browser: $(VENV)/.dev chromium
	$(BIN)/python -m bench.browser_bench

# Where one person waits in the browser: first page, sign-in, overview → profile, saving a grid cell.
bench-pages: $(VENV)/.dev chromium
	$(BIN)/python -m bench.page_bench

# A national deployment: 5.000 units and three years of rounds in one database (a few minutes to create).
bench-scale: $(VENV)/.dev
	$(BIN)/python -m bench.scale_bench

# 10 people in browsers, an oversized upload and 30 parallel writers at once (loopback only).
bench-load: $(VENV)/.dev chromium
	$(BIN)/python -m bench.load_bench

sample: $(VENV)/.runtime
	$(BIN)/python -m parindex sample --indicators indicators --out data/sample

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output
