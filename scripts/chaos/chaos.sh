#!/usr/bin/env bash
# `make chaos`: confirmations under faults, on a PostgreSQL cluster of its own.
#
# Creates a throwaway cluster (CHAOS_PG_VERSION, default: the newest in /etc/postgresql; name
# joudchaos; port CHAOS_PG_PORT, default 5436) so the machine's main cluster is never restarted,
# runs scripts/chaos/driver.py against it (gunicorn, task workers, the scheduler, a retrying
# gateway, kill -9 / restarts at scripted moments, exactness checks), then stops and drops the
# cluster, whatever happened (trap). Needs root (or the postgres user) for pg_createcluster.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${CHAOS_PG_VERSION:-$(ls /etc/postgresql | sort -n | tail -1)}"
CLUSTER=joudchaos
PORT="${CHAOS_PG_PORT:-5436}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
OUT="test-artifacts/chaos/$STAMP"
mkdir -p "$OUT"
export CHAOS_OUT="$PWD/$OUT" CHAOS_PG_VERSION="$VERSION" CHAOS_PG_CLUSTER="$CLUSTER"
export BENCH_PG="postgres://postgres@127.0.0.1:$PORT" BENCH_DB=joud_chaos BENCH_SCALE=0.001
export BENCH_PORT="${CHAOS_HTTP_PORT:-8136}"

for tool in pg_createcluster pg_ctlcluster pg_dropcluster pg_isready; do
	command -v "$tool" >/dev/null 2>&1 || { echo "chaos: needs $tool (postgresql-common)"; exit 1; }
done

driver_pid=""
cleanup() {
	status=$?
	trap - EXIT INT TERM
	# The driver stops what it started; if it is still there (interrupted), stop it, then any
	# process it recorded (by pid) that outlived it.
	if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then
		kill -TERM "$driver_pid" 2>/dev/null || true
		wait "$driver_pid" 2>/dev/null || true
	fi
	if [ -f "$OUT/pids" ]; then
		while read -r pid; do
			kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
		done <"$OUT/pids"
	fi
	if pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
		echo "chaos: dropping cluster $VERSION/$CLUSTER"
		pg_ctlcluster "$VERSION" "$CLUSTER" stop -m immediate 2>/dev/null || true
		pg_dropcluster "$VERSION" "$CLUSTER" || true
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
	echo "chaos: a cluster $VERSION/$CLUSTER is left from an earlier run; dropping it"
	pg_ctlcluster "$VERSION" "$CLUSTER" stop -m immediate 2>/dev/null || true
	pg_dropcluster "$VERSION" "$CLUSTER"
fi
if pg_isready -q -h 127.0.0.1 -p "$PORT"; then
	echo "chaos: port $PORT is taken (CHAOS_PG_PORT=...)"; exit 1
fi
echo "chaos: creating cluster $VERSION/$CLUSTER on port $PORT"
pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" -- --auth-local=trust --auth-host=trust >/dev/null
pg_ctlcluster "$VERSION" "$CLUSTER" start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.5; done

.venv/bin/python scripts/chaos/driver.py &
driver_pid=$!
wait "$driver_pid"
