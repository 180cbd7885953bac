#!/usr/bin/env bash
# The whole test suite: lint, checks, pytest on SQLite, pytest on PostgreSQL, the production path
# (collectstatic, gunicorn with DEBUG off), browser tests.
# Exits non-zero if any step fails. Run through `make test` (which installs the virtual environment).
set -u
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PATH="$PWD/$BIN:$PATH"
if [ -z "${PLI_DATA_DIR:-}" ] && [ -d ../shared/data ]; then export PLI_DATA_DIR="$(cd ../shared/data && pwd)"; fi
PG_URL="${PLI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/pli}"
WORKERS="${PLI_TEST_WORKERS:-2}"
failed=()

step() { echo; echo "==> $*"; }
run() { local name="$1"; shift; "$@" || failed+=("$name"); }

step "ruff"
run "ruff check" ruff check .
run "ruff format" ruff format --check .

step "mypy (the services and query functions, pyproject.toml [tool.mypy])"
run "mypy" env PLI_ENVIRONMENT=test mypy

step "Django checks, migrations, translations (SQLite)"
export PLI_ENVIRONMENT=test
run "check" pli check --fail-level WARNING
run "makemigrations" pli makemigrations --check --dry-run
run "compilemessages" pli compilemessages --ignore=.venv --verbosity 0

step "pytest on SQLite"
run "pytest sqlite" env -u DATABASE_URL pytest -n "$WORKERS" -m "not browser" -q

step "pytest on PostgreSQL"
if python - "$PG_URL" <<'PY'
import sys, psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(url, connect_timeout=3).close()
except Exception as error:
    print(f"no PostgreSQL server answers at {url}: {error}")
    sys.exit(1)
PY
then
  run "pytest postgresql" env DATABASE_URL="$PG_URL" pytest -n "$WORKERS" -m "not browser" -q
else
  echo "PostgreSQL: skipped (no server answers; set PLI_TEST_POSTGRES_URL or start one)."
  [ "${CI:-}" = "true" ] && failed+=("postgresql unavailable in CI")
fi

step "production: collectstatic, gunicorn with DEBUG off"
run "production smoke" python scripts/production_smoke.py

step "browser tests (headless Chromium)"
CHROMIUM="${PLI_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium package…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1
fi
if [ -x "$CHROMIUM" ]; then
  run "browser tests" env -u DATABASE_URL PLI_CHROMIUM="$CHROMIUM" pytest -m browser -q -n "$WORKERS"
else
  echo "Chromium is missing: install it (Debian/Ubuntu: sudo apt-get install chromium) or set PLI_CHROMIUM."
  failed+=("browser tests (no chromium)")
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All test steps passed."
