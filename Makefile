# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# pyenv honours .python-version (3.13); elsewhere set PYTHON=/path/to/python3.13.
PYTHON ?= python3

# Tests run against PostgreSQL, like production, with debug off.
PG_USER := livingcode
PG_PASSWORD := livingcode
PG_DB := livingcode
# Test processes side by side (pytest-xdist), one per core; TEST_WORKERS=0 runs one process.
TEST_WORKERS ?= 2
TEST_ENV := DJANGO_DEBUG=0 \
	DJANGO_SECRET_KEY=test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 \
	DATABASE_URL=postgres://$(PG_USER):$(PG_PASSWORD)@127.0.0.1:$$(cat .pg-port)/$(PG_DB)

.PHONY: run test lint venv runtime-deps system-deps postgres messages clean chaos

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' || \
		{ echo "Python 3.13 is needed (found $$($(PYTHON) --version)); set PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	# The project itself is not installed: manage.py runs it from this folder.
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt --group dev
	touch $@

venv: $(VENV)/.installed

run: venv runtime-deps
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo ""
	@echo "  The living code of conduct runs at http://127.0.0.1:8000/"
	@echo "  Demo sign-ins (password: demo): editor, officer, employee, manager, teamlead, admin"
	@echo "  A task worker runs beside the server: mail is printed here as it sends it."
	@echo ""
	# The worker as in production (db_worker, tasks in the database), stopped with the server.
	# No --reload: a reloading worker leaves its child running when stopped; restart
	# `make run` after changing a task.
	DJANGO_DEBUG=1 $(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Libraries WeasyPrint needs to draw PDFs, and fonts; Debian package names.
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# Debian's Chromium for the browser tests, gettext for the catalogue check, PostgreSQL.
TEST_DEBS := chromium gettext postgresql
# Node.js and npm for the OpenID provider the sign-in tests run against (tests/idp/); asked for
# by command, as a Node.js from elsewhere (NodeSource) brings its own npm.
NODE_DEBS := nodejs npm

runtime-deps:
	@missing=$$(for p in $(RUNTIME_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

system-deps: runtime-deps
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	@command -v node >/dev/null && command -v npm >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NODE_DEBS) >/dev/null; }

# Start the PostgreSQL cluster if it is down, and make the test role; safe to repeat.
postgres: system-deps
	@read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n1); \
	if [ "$$status" != "online" ]; then pg_ctlcluster "$$version" "$$cluster" start; fi; \
	echo "$$port" > .pg-port
	@su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$(PG_USER)'\"" | grep -q 1 || \
		su postgres -c "psql -qc \"CREATE ROLE $(PG_USER) LOGIN CREATEDB PASSWORD '$(PG_PASSWORD)'\""
	@su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$(PG_DB)'\"" | grep -q 1 || \
		su postgres -c "createdb -O $(PG_USER) $(PG_DB)"

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	# The layer rule (core <- values <- norms <- reflection <- codeapp), see docs/architecture.md.
	$(VENV)/bin/lint-imports --no-cache

test: venv postgres lint
	# The OpenID provider of the sign-in tests, exactly as package-lock.json pins it.
	npm ci --prefix tests/idp --no-audit --no-fund --loglevel=error
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Faults under load: PostgreSQL stopped for 5 s, a worker killed mid-publish (see README).
# It stops the local PostgreSQL cluster briefly: do not run it beside other users of it.
chaos: venv postgres
	chaos/run.sh

# Rebuild the Dutch catalogue after changing interface text (needs gettext).
messages: venv
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l nl --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	msgfmt --check -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .pg-port tests/idp/node_modules

# Load a large code into a fresh database (livingcode_bench), serve it with gunicorn (debug
# off) and measure it with wrk against a static file of the same size; also times publishing
# and comparing a 1,000-norm code. Takes about 5 minutes; see README.md. Not part of `make test`.
# redis-server: for BENCH_ARGS="--cache-url redis://127.0.0.1:6379/0" (bench/run.py starts it).
BENCH_DEBS := wrk redis-server
.PHONY: bench
bench: venv postgres
	@missing=$$(for p in $(BENCH_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/scale.py
	$(PY) bench/live.py
