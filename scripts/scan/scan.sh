#!/usr/bin/env bash
# `make scan` (issue 17 item 4): wapiti and sqlmap against a local instance of the production
# profile, signed out and signed in. README.md, "Security scan", says what each tool covers.
#
# 1. The target: its own PostgreSQL database (SCAN_DATABASE_URL, default joud_scan_target on
#    DATABASE_URL's server), dropped and created, migrated and loaded with the demo world
#    (organizations, published initiatives, a donor with gifts, staff with TOTP); static files
#    collected with production's manifest storage; gunicorn + a db_worker + the scheduler with
#    joud.settings.loopback (production's hardening on 127.0.0.1) over HTTPS on SCAN_PORT, with
#    a certificate made for the run: secure cookies, HSTS and the rest as production sends them.
# 2. Sessions: a visitor (a CSRF cookie), a donor (password) and an association admin (password
#    and TOTP code, computed from the demo's secret), signed in by scripts/scan/signin.py, one
#    session per tool.
# 3. Per session: wapiti crawls (passive modules on every answer), scripts/scan/crawl.py keeps
#    one request per kind of page and form not attacked in an earlier session, then wapiti's
#    active modules and sqlmap run side by side on those; all scoped to https://127.0.0.1:PORT/.
# 4. scripts/scan/summary.py prints the findings by severity per tool and session, keeps the
#    reports in test-artifacts/scan/<timestamp>/ and exits 1 when any critical, high or medium
#    finding exists (2 when a tool did not run to its end).
#
# Only the processes this script started are stopped, by pid (trap on exit); the target
# database is dropped at the end unless SCAN_KEEP_DB=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$PWD"

PY="${SCAN_APP_PYTHON:-$REPO/.venv/bin/python}"
GUNICORN="$(dirname "$PY")/gunicorn"
TOOLS="${SCAN_TOOLS_VENV:-$REPO/.venv-scan}/bin"
PORT="${SCAN_PORT:-8137}"
BASE="https://127.0.0.1:$PORT"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/joud}"
TARGET_DB_URL="${SCAN_DATABASE_URL:-${DATABASE_URL%/*}/joud_scan_target}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
OUT="$REPO/test-artifacts/scan/$STAMP"
WORK="$(mktemp -d /tmp/joud-scan.XXXXXX)"
mkdir -p "$OUT"
STARTED=$(date +%s)

for tool in "$PY" "$GUNICORN" "$TOOLS/wapiti" "$TOOLS/sqlmap"; do
	[ -x "$tool" ] || { echo "scan: $tool is missing (make scan installs the tools)"; exit 2; }
done
if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
	echo "scan: port $PORT is taken (SCAN_PORT=...)"; exit 2
fi

pids=()
cleanup() {
	status=$?
	trap - EXIT INT TERM
	for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
	done
	if [ "${SCAN_KEEP_DB:-0}" != 1 ]; then
		"$PY" "$REPO/scripts/scan/target.py" drop "$TARGET_DB_URL" || true
	fi
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server's environment: nothing of the caller's DJANGO_*/JOUD_* settings leaks in.
for name in $(env | grep -oE '^(DJANGO|JOUD)_[A-Z0-9_]*'); do unset "$name"; done
secret() { "$PY" -c 'import secrets; print(secrets.token_urlsafe(48))'; }
export PYTHONPATH="$REPO/src" PYTHONUNBUFFERED=1 DATABASE_URL="$TARGET_DB_URL"
export DJANGO_SECRET_KEY="$(secret)" JOUD_FIELD_KEYS="$(secret)" JOUD_BLIND_INDEX_KEY="$(secret)"
export DJANGO_LOG_LEVEL=WARNING JOUD_HTTPS=true JOUD_SITE_URL="$BASE" JOUD_BIND="127.0.0.1:$PORT"
export JOUD_STATIC_ROOT="$WORK/static" JOUD_MEDIA_ROOT="$WORK/media"
export JOUD_SANDBOX_WEBHOOK_DELIVERY=http JOUD_ACCESS_LOG="$OUT/access.log"
export WEB_CONCURRENCY=2 JOUD_WORKER_CLASS=gthread JOUD_THREADS=4

echo "scan: target database $(basename "$TARGET_DB_URL"), reports in ${OUT#"$REPO"/}"
"$PY" scripts/scan/target.py create "$TARGET_DB_URL"
DJANGO_SETTINGS_MODULE=joud.settings.loopback "$PY" manage.py collectstatic --noinput -v0 \
	>"$OUT/collectstatic.log" 2>&1 &
collect=$!
pids+=("$collect")
# The demo world is loaded with the demo's settings (seed_demo refuses elsewhere: its users share
# a published password), on the same database and keys the production-profile server reads.
DJANGO_SETTINGS_MODULE=joud.settings.base "$PY" manage.py migrate --noinput -v0
DJANGO_SETTINGS_MODULE=joud.settings.base "$PY" manage.py seed_demo >"$OUT/seed.log"
wait "$collect" || { echo "scan: collectstatic failed"; tail -20 "$OUT/collectstatic.log"; exit 2; }

# TLS as nginx would terminate it in production; the certificate is for 127.0.0.1, for this run.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
export DJANGO_SETTINGS_MODULE=joud.settings.loopback
"$GUNICORN" joud.wsgi -c gunicorn.conf.py --certfile "$WORK/cert.pem" --keyfile "$WORK/key.pem" \
	>"$OUT/server.log" 2>&1 &
pids+=($!)
"$PY" manage.py db_worker --queue-name '*' --interval 0.3 --no-startup-delay --no-reload \
	>>"$OUT/server.log" 2>&1 &
pids+=($!)
"$PY" manage.py run_scheduler --interval 0.5 >>"$OUT/server.log" 2>&1 &
pids+=($!)
printf '%s\n' "${pids[@]}" >"$OUT/pids"
for _ in $(seq 1 120); do
	curl -kfsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
	kill -0 "${pids[1]}" 2>/dev/null || { echo "scan: gunicorn exited"; tail -30 "$OUT/server.log"; exit 2; }
	sleep 0.5
done
curl -kfsS -o /dev/null "$BASE/healthz" || { echo "scan: $BASE/healthz does not answer"; exit 2; }
echo "scan: target up at $BASE after $(($(date +%s) - STARTED))s"

# Sessions. The demo's published password and TOTP secret (joud/demo/world.py).
DEMO_PASSWORD=Joud-demo-2026
signin() { "$TOOLS/python" scripts/scan/signin.py "$BASE" "$@"; }
# Two sessions per person, one per tool: a flash message left by one tool's request is shown on
# the next page of that session, and must not change the pages the other tool compares.
for tool in wapiti sqlmap; do
	signin --anonymous >"$WORK/anonymous-$tool.json"
	signin donor@demo.joud.om "$DEMO_PASSWORD" >"$WORK/donor-$tool.json"
done
signin admin@demo.joud.om "$DEMO_PASSWORD" JOUDDEMOADMINTOTPSECRETKEY234567 >"$WORK/admin-wapiti.json"
SIGNIN_TOTP_STEP=1 signin admin@demo.joud.om "$DEMO_PASSWORD" JOUDDEMOADMINTOTPSECRETKEY234567 \
	>"$WORK/admin-sqlmap.json"
# From signin.py's output: the form token, the Cookie header (sqlmap), wapiti's cookie file.
field() { "$TOOLS/python" -c '
import json, sys
d = json.load(open(sys.argv[1]))
cookies = {k: v for k, v in d.items() if not k.startswith("_")}
if sys.argv[2] == "token":
    print(d["_form_token"])
elif sys.argv[2] == "header":
    print("; ".join(f"{k}={v}" for k, v in cookies.items()))
else:
    jar = {n: {"value": v, "expires": None, "secure": True, "port": None, "version": 0}
           for n, v in cookies.items()}
    print(json.dumps({"127.0.0.1": {"/": jar}}))' "$@"; }

if [ "${SCAN_SERVE_ONLY:-0}" = 1 ]; then  # manual probing: the target and sessions, no tools
	echo "scan: serving until interrupted; donor: $(field "$WORK/donor-sqlmap.json" header)"
	echo "scan: admin: $(field "$WORK/admin-sqlmap.json" header)"
	wait "${pids[1]}"
fi

export SCAN_BASE="$BASE" SCAN_OUT="$OUT" SCAN_TOOLS="$TOOLS" SCAN_WORK="$WORK"
for who in anonymous donor admin; do
	started=$(date +%s)
	# wapiti starts with the session's cookies in its jar (the site may set new ones); sqlmap
	# replays requests: it gets the Cookie header and a form token valid with it.
	wapiti_cookie="$WORK/$who-wapiti-cookies.json"
	field "$WORK/$who-wapiti.json" wapiti >"$wapiti_cookie"
	sqlmap_cookie="$(field "$WORK/$who-sqlmap.json" header)"
	bash scripts/scan/wapiti.sh crawl "$who" "$wapiti_cookie" &
	pids+=($!)
	wait "${pids[-1]}" || true
	"$TOOLS/python" scripts/scan/crawl.py prune "$WORK/wapiti-$who"/*.db "$WORK/covered" \
		| sed "s/^/scan: $who: /"
	"$TOOLS/python" scripts/scan/crawl.py targets "$WORK/wapiti-$who"/*.db "$BASE" \
		"$(field "$WORK/$who-sqlmap.json" token)" >"$OUT/sqlmap-$who-targets.json"
	bash scripts/scan/wapiti.sh attack "$who" "$wapiti_cookie" &
	pids+=($!)
	w=$!
	bash scripts/scan/sqlmap.sh "$who" "$OUT/sqlmap-$who-targets.json" "$sqlmap_cookie" &
	pids+=($!)
	wait "$w" || true
	wait "${pids[-1]}" || true
	# Still signed in at the end? (A scan that lost its session half way is worth less.)
	if [ "$who" != anonymous ]; then
		for tool in wapiti sqlmap; do
			"$TOOLS/python" scripts/scan/signin.py --check "$BASE" "$who" \
				"$(field "$WORK/$who-$tool.json" header)" | sed "s/^/scan: $tool: /" \
				| tee -a "$OUT/sessions-after.txt" || true
		done
	fi
	echo "scan: $who done in $(($(date +%s) - started))s"
done

DURATION=$(($(date +%s) - STARTED))
set +e
"$TOOLS/python" scripts/scan/summary.py "$OUT" --duration "$DURATION" --target "$BASE (joud.settings.loopback)"
status=$?
set -e
exit "$status"
