#!/bin/bash
# make chaos: PostgreSQL restarting under load, and a worker killed mid-publish (see README).
# Makes its own database, loads the demo, then runs chaos/driver.py against gunicorn.
# Stops the local PostgreSQL cluster for a few seconds: other users of it see the outage too.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r PG_VERSION PG_CLUSTER PG_PORT _ < <(pg_lsclusters --no-header | head -n1)
# Whatever happens, PostgreSQL is left running.
trap 'pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >/dev/null 2>&1 || true' EXIT

DB=livingcode_chaos
export PGPASSWORD=livingcode
export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0
# A key of its own each run: nothing secret is kept in the repository.
export DJANGO_SECRET_KEY="$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export DATABASE_URL="postgres://livingcode:livingcode@127.0.0.1:$PG_PORT/$DB"
export CHAOS_PG_CLUSTER="$PG_VERSION $PG_CLUSTER $PG_PORT"
export CHAOS_RUN_DIR="${CHAOS_RUN_DIR:-$(mktemp -d -t chaos.XXXXXX)}"
PY=.venv/bin/python
CHAOS_PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export CHAOS_PORT

echo "      database $DB (made afresh), demo code loaded"
dropdb -h 127.0.0.1 -p "$PG_PORT" -U livingcode --if-exists "$DB"
createdb -h 127.0.0.1 -p "$PG_PORT" -U livingcode "$DB"
$PY manage.py migrate --noinput -v0
$PY manage.py seed_demo --force >/dev/null
$PY manage.py collectstatic --noinput -v0
$PY -m chaos.driver
