#!/usr/bin/env bash
# make demo: migrate the SQLite file, load the demo world once, start the worker and the
# scheduler, serve on http://127.0.0.1:8000. Ctrl-C stops all three.
# The pids of this script and of its three processes are in var/demo.pids while it runs, so
# whoever started it (.ci/run) stops exactly these and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
unset DATABASE_URL  # the demo is the embedded default: SQLite under var/
export DJANGO_SETTINGS_MODULE=joud.settings.base  # an explicit choice: the default is production
export JOUD_PORT="${JOUD_PORT:-8000}"
PIDS=var/demo.pids

$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
$PY manage.py seed_demo

pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -f "$PIDS"
}
trap cleanup EXIT INT TERM
echo $$ >"$PIDS"

$PY manage.py db_worker --queue-name '*' >var/worker.log 2>&1 &
pids+=($!) && echo $! >>"$PIDS"
$PY manage.py run_scheduler >var/scheduler.log 2>&1 &
pids+=($!) && echo $! >>"$PIDS"

echo
echo "Joud is running: http://127.0.0.1:${JOUD_PORT}/  (Arabic; English from the language button)"
echo "Developer outbox (SMS, email, demo TOTP codes): http://127.0.0.1:${JOUD_PORT}/dev/outbox/"
echo "Worker log: var/worker.log · scheduler log: var/scheduler.log · Ctrl-C to stop"
$PY manage.py runserver "127.0.0.1:${JOUD_PORT}" --noreload &
pids+=($!) && echo $! >>"$PIDS"
wait "${pids[-1]}"
