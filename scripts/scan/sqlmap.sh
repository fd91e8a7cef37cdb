#!/usr/bin/env bash
# sqlmap for one session: scripts/scan/sqlmap.sh WHO TARGETS_JSON "COOKIE HEADER"
#
# The Referer is the site's own (over HTTPS Django refuses a POST without one: CSRF), the cookie
# a session of sqlmap's own (not wapiti's: no flash message of one tool in the other's pages).
# One sqlmap run per target (a kind of page or form from wapiti's crawl, scripts/scan/crawl.py),
# each with its own log in $SCAN_OUT/sqlmap-WHO/NN.log, parameters named (-p, never the CSRF
# token), the session's cookie, PostgreSQL named as the database (the only one Joud runs on:
# sqlmap skips the payloads of the others), level 1 / risk 1 (no OR payloads that could change
# every row), techniques boolean-blind, UNION and time-blind (--time-sec 2). Error-based and
# stacked queries are left out: production never shows a database error (a failing query is a
# 500, which sqlmap and the access log report), and PostgreSQL's stacked test is time-based.
# SQLMAP_JOBS targets at a time (default 3); SQLMAP_TARGET_TIMEOUT bounds one target (default
# 180 s, then its log says "# exit 124" and the summary counts it as not finished). On TERM, the
# running sqlmaps are stopped by their pids.
set -uo pipefail
WHO="$1"
TARGETS="$2"
COOKIE="${3:-}"
OUT="$SCAN_OUT/sqlmap-$WHO"
mkdir -p "$OUT"
# Each target's `timeout` pid is kept in $OUT/NN.pid while it runs (timeout passes TERM on).
trap 'for f in "$OUT"/*.pid; do [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null; done; exit 143' TERM INT

run_one() {  # index url params data
	local log="$OUT/$(printf '%02d' "$1").log"
	local args=(-u "$2" -p "$3" --batch --dbms=PostgreSQL --level=1 --risk=1
		--technique=BUT --time-sec=2 --timeout=30 --retries=1 --skip-waf --disable-coloring
		--flush-session --output-dir="$OUT/data-$1" --referer="$SCAN_BASE/")
	[ -n "$4" ] && args+=(--data="$4")
	[ -n "$COOKIE" ] && args+=(--cookie="$COOKIE")
	echo "# $2 ${4:+POST}" >"$log"
	timeout "${SQLMAP_TARGET_TIMEOUT:-180}" "$SCAN_TOOLS/sqlmap" "${args[@]}" </dev/null >>"$log" 2>&1 &
	local pid=$!
	echo "$pid" >"${log%.log}.pid"
	wait "$pid"
	echo "# exit $?" >>"$log"
	rm -f "${log%.log}.pid"
}

count=$("$SCAN_TOOLS/python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TARGETS")
for i in $(seq 0 $((count - 1))); do
	mapfile -t t < <("$SCAN_TOOLS/python" -c '
import json, sys
t = json.load(open(sys.argv[1]))[int(sys.argv[2])]
print(t["url"]); print(",".join(t["params"])); print(t.get("data", ""))' "$TARGETS" "$i")
	while [ "$(jobs -rp | wc -l)" -ge "${SQLMAP_JOBS:-3}" ]; do wait -n; done
	run_one "$i" "${t[0]}" "${t[1]}" "${t[2]}" &
done
wait
