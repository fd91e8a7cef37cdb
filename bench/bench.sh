#!/usr/bin/env bash
# `make bench`: bench-only installs (wrk from Debian, py-spy from PyPI into the venv), then the
# driver. Not part of `make test`. BENCH_SCALE=0.01 for a quick small version.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		echo "bench: installing wrk (Debian package)"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
	else
		echo "bench: needs wrk: sudo apt-get install wrk"; exit 1
	fi
fi
command -v pgbench >/dev/null 2>&1 || { echo "bench: needs pgbench (postgresql-client)"; exit 1; }
if [ ! -x .venv/bin/py-spy ]; then
	echo "bench: installing py-spy (profiler, bench only)"
	.venv/bin/pip install --quiet py-spy==0.4.3 || echo "bench: py-spy unavailable: no profile"
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "bench: PostgreSQL is not reachable on 127.0.0.1:5432"; exit 1; }

exec .venv/bin/python bench/run.py
