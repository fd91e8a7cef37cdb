#!/usr/bin/env bash
# wapiti for one session, in two steps: scripts/scan/wapiti.sh crawl|attack WHO COOKIE_JSON
#
# crawl:  the whole site as this session sees it (scope: the target's origin only), with the
#         passive modules looking at every answer; its session database is kept for the
#         attack step and for sqlmap's targets (scripts/scan/crawl.py prunes it in between).
# attack: the active modules against the pruned crawl (--skip-crawl), each module bounded by
#         WAPITI_ATTACK_TIME seconds (default 30).
# Never contacted: anything outside $SCAN_BASE (no external endpoint, no bug report, no update of
# the modules' databases). On TERM the running wapiti is stopped by its pid.
set -uo pipefail
STEP="$1"
WHO="$2"
COOKIE="${3:-}"
OUT="$SCAN_OUT"
SESSION="$SCAN_WORK/wapiti-$WHO"
mkdir -p "$SESSION"
child=""
trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; exit 143' TERM INT

# Passive: headers, cookie flags, CSP (reported only: the CSP itself is another change),
# disclosed stack traces or server details, passwords over plain forms, inconsistent redirects.
# https_redirect is left out: nginx redirects to HTTPS in production, not Django.
PASSIVE="cookieflags,csp,http_headers,information_disclosure,stacktrace_disclosure"
PASSIVE+=",unsecure_password,inconsistent_redirection"
# Active: command execution, path traversal and file inclusion, reflected and stored XSS, open
# redirects, CRLF/header injection, CSRF (forms without a working token), uncommon HTTP
# methods, file uploads. Not run: SQL injection (sql, timesql) is sqlmap's, which confirms what
# it finds (wapiti's boolean test compares whole pages, and a page of a signed-in session changes
# between two requests when another request of the session leaves a flash message: a false
# critical on a form that runs no SQL of its own); the modules that need an endpoint on the
# Internet (ssrf, xxe, log4shell); brute force of files or logins (buster, nikto, backup,
# brute_login_form: no data, and rate limits would answer); fingerprints of other software (cms,
# wapp, htaccess, shellshock, spring4shell, network_device...).
ACTIVE="exec,file,xss,permanentxss,redirect,crlf,csrf,methods,upload"

args=(-u "$SCAN_BASE/" --scope folder --store-session "$SESSION" --store-config "$SESSION/config"
	--no-bugreport --verify-ssl 0 --timeout 20 --tasks 8 -f json -dr 1 -v 1
	-x "$SCAN_BASE/static/*" -x "$SCAN_BASE/media/*"
	# The scan's own session must live to the end: never sign out, drop the second factor or
	# change the password or the email of the account the scan is signed in with.
	-x "$SCAN_BASE/accounts/logout/*" -x "$SCAN_BASE/accounts/2fa/*"
	-x "$SCAN_BASE/accounts/reauthenticate/*" -x "$SCAN_BASE/accounts/password/change/*"
	-x "$SCAN_BASE/accounts/password/set/*" -x "$SCAN_BASE/accounts/email/*"
	-x "$SCAN_BASE/accounts/phone/*"
	# A donor's receipts as PDFs (one per gift, no parameter to attack, the costliest pages to
	# render): not crawled; who may open them is the access matrix's (tests/security/matrix).
	-x "$SCAN_BASE/receipts/*/pdf/*")
[ -n "$COOKIE" ] && args+=(-c "$COOKIE")

case "$STEP" in
crawl)
	args+=(--flush-session -m "$PASSIVE" -d 5 --max-files-per-dir 10 --max-links-per-page 100
		--max-scan-time "${WAPITI_CRAWL_TIME:-120}" -o "$OUT/wapiti-$WHO-crawl.json")
	log="$OUT/wapiti-$WHO-crawl.log"
	;;
attack)
	args+=(--skip-crawl -m "$ACTIVE" --max-attack-time "${WAPITI_ATTACK_TIME:-30}"
		-o "$OUT/wapiti-$WHO-attack.json")
	log="$OUT/wapiti-$WHO-attack.log"
	;;
*) echo "wapiti.sh: crawl or attack"; exit 2 ;;
esac
"$SCAN_TOOLS/wapiti" "${args[@]}" >"$log" 2>&1 &
child=$!
wait "$child"
status=$?
echo "# exit $status" >>"$log"
exit "$status"
