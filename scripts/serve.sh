#!/usr/bin/env bash
# `make run`: the task worker (`pli db_worker`) beside the development server, in one command.
# Ctrl+C (or the end of either) stops both.
set -u
cd "$(dirname "$0")/.."
BIN=.venv/bin
ADDRESS="${1:-127.0.0.1:8000}"
"$BIN/pli" db_worker --no-startup-delay &
WORKER=$!
"$BIN/pli" runserver "$ADDRESS" &
SERVER=$!
stop() { kill "$WORKER" "$SERVER" 2>/dev/null; wait "$WORKER" "$SERVER" 2>/dev/null; }
trap 'stop; exit 130' INT TERM
# Whichever ends first (a crash, a port in use) ends the other.
wait -n "$WORKER" "$SERVER"
status=$?
stop
exit "$status"
