# KNOWvember: `make run` serves the site with demo content; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The first Python 3.12+ found: pyenv's shim honours .python-version, else python3.13/3.12 on PATH.
PYTHON_FOR_VENV := $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help install assets run test test-fast lint fmt check migrations-check bench bench-http clean

help:
	@echo "make run    - install everything, load demo content, serve http://127.0.0.1:$(PORT) with the email worker"
	@echo "make test   - install everything and run the whole test suite (browser tests included)"
	@echo "make lint   - ruff lint and format check;  make fmt - apply ruff formatting"
	@echo "make check  - Django's deploy checks under production settings"
	@echo "make migrations-check - fail if a model change has no migration"
	@echo "make bench  - run the benchmarks in benchmarks/"
	@echo "make bench-http - pages per second under gunicorn and wrk, against a bare Django view"

$(PY):
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "Python 3.12 or newer is needed (Django 6.1). Install python3.13 or python3.12, or use pyenv with .python-version." >&2; \
		exit 1; fi
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 20+) is needed to build the front end." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

build/css/main.css: node_modules/.package-lock.json scripts/build-assets.mjs $(wildcard static/scss/*.scss)
	npm run --silent build

install: $(VENV)/.installed node_modules/.package-lock.json
assets: build/css/main.css

# Emailed links (confirmations, unsubscribe, calendars) point at the port `make run` serves,
# unless SITE_URL is set.
RUN_ENV = DEBUG=1 SITE_URL=$(or $(SITE_URL),http://127.0.0.1:$(PORT))

run: install assets
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py createcachetable
	$(RUN_ENV) $(PY) manage.py load_demo
	@# The web server and the email worker from the Procfile, together; Ctrl-C stops both.
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(RUN_ENV) BIND=127.0.0.1 $(VENV)/bin/honcho start --port $(PORT)

test: install assets
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Media on the local disk is served by nginx in production (deploy/nginx/knowvember.conf).
check: install assets
	DEBUG=0 MEDIA_SERVED_BY=nginx SECRET_KEY=check-only-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
		ALLOWED_HOSTS=knowvember.example.nhs.uk $(PY) manage.py check --deploy --fail-level WARNING

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

bench: install assets
	$(PY) benchmarks/run.py

# Speed (issue 17): PostgreSQL (database kv_bench, BENCH_POSTGRES), Redis (BENCH_REDIS_URL) and
# wrk needed; BENCH_ARGS="--before ../main --duration 10" compares with another checkout.
bench-http: install assets
	$(PY) benchmarks/throughput.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules build staticfiles
