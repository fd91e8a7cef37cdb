"""One request per kind of page and form, from what wapiti's crawl found.

Usage: crawl.py prune WAPITI_SESSION_DB COVERED_FILE   (before wapiti's attack step)
       crawl.py targets WAPITI_SESSION_DB BASE_URL CSRF_TOKEN > targets.json   (for sqlmap)

wapiti keeps every request it crawled (URL, method, parameters, the page a form was found on) in
its session database (SQLite). Forty initiatives have forty identical giving forms and pages:
requests are grouped by method, the path with its codes and slugs generalised, and the set of
parameter names. ``prune`` deletes all but one request of each group from the session, so
wapiti's attack modules try each kind once (the smallest URL of a group is kept: the same
initiative's page, giving form and ledger page, so a stored payload posted through one form is
looked for on its own pages). Kinds already attacked in an earlier session of the same run
(COVERED_FILE: signed out, then the donor, then staff) are deleted too, so a signed-in pass
spends its time on what only that session reaches. ``targets`` writes the same representatives, with parameters, for
sqlmap, the CSRF token replaced by one valid for the session's cookie (Django accepts a token
again and again for as long as its cookie lives, so sqlmap need not fetch a new one per request).
Requests outside BASE_URL, static files and the pages that would end the scan's own session
(sign-out, second factor, password, email) are left out of the targets.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

# Path segments that name one object: initiative and case codes, receipt numbers, numeric ids,
# tokens (anything with a digit, or all capitals, or long), and the slug after a collection
# name. Replaced by a placeholder when grouping.
OBJECT_SEGMENT = re.compile(
    r"^(?:(?=[\w-]*\d)[\w-]{2,}|[A-Z]{6}|[A-Z]{2,3}-[A-Z0-9]{4,}|[\w-]{20,})$"
)
SLUG_AFTER = {"organizations", "org", "o", "opportunities", "shifts"}
# Never requested by sqlmap: the session's end, its second factor and password (a tool that
# changed them would sign the rest of the scan out), static files.
SKIP_PATHS = (
    "/static/",
    "/media/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/password/change/",
    "/accounts/password/set/",
    "/accounts/email/",
    "/accounts/phone/",
)
CSRF = "csrfmiddlewaretoken"
# Passwords are hashed before any comparison (no query ever holds one) and every try costs a
# full PBKDF2 hash and counts against the sign-in rate limit: sqlmap leaves them alone.
NOT_SQL = {CSRF, "password", "password1", "password2"}


def shape(path: str) -> str:
    parts = path.split("/")
    out = []
    for i, part in enumerate(parts):
        if OBJECT_SEGMENT.match(part) or (i and parts[i - 1] in SLUG_AFTER and part):
            out.append("<x>")
        else:
            out.append(part)
    return "/".join(out)


def representatives(conn: sqlite3.Connection) -> dict[str, int]:
    """Per kind (method, path shape, parameter names) the path_id with the smallest URL."""
    groups: dict[str, tuple[str, int]] = {}
    rows = conn.execute(
        "SELECT p.path_id, p.path, p.method, group_concat(q.name) "
        "FROM paths p LEFT JOIN params q ON q.path_id = p.path_id GROUP BY p.path_id"
    )
    for path_id, url, method, names in rows:
        if urlsplit(url).path.startswith(SKIP_PATHS):
            continue
        params = sorted(set((names or "").split(",")) - {CSRF, ""})
        key = f"{method} {shape(urlsplit(url).path)} {','.join(params)}"
        if key not in groups or url < groups[key][0]:
            groups[key] = (url, path_id)
    return {key: path_id for key, (_url, path_id) in groups.items()}


def prune(db_path: str, covered_path: str) -> tuple[int, int]:
    conn = sqlite3.connect(db_path)
    covered = Path(covered_path)
    seen = set(covered.read_text().splitlines()) if covered.exists() else set()
    kinds = {key: path_id for key, path_id in representatives(conn).items() if key not in seen}
    with covered.open("a") as out:
        out.writelines(f"{key}\n" for key in sorted(kinds))
    keep = set(kinds.values())
    every = {row[0] for row in conn.execute("SELECT path_id FROM paths")}
    drop = sorted(every - keep)
    with conn:
        for chunk in range(0, len(drop), 500):
            ids = drop[chunk : chunk + 500]
            marks = ",".join("?" * len(ids))
            for table, column in (
                ("payloads", "evil_path_id"),
                ("attack_logs", "path_id"),
                ("params", "path_id"),
                ("paths", "path_id"),
            ):
                conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", ids)  # noqa: S608
    return len(every), len(keep)


def targets(db_path: str, base_url: str, csrf_token: str) -> list[dict]:
    base = urlsplit(base_url)
    conn = sqlite3.connect(db_path)
    keep = {row[0] for row in conn.execute("SELECT path_id FROM paths")}  # pruned already
    rows = conn.execute(
        "SELECT p.path_id, p.path, p.method, p.enctype, p.referer, q.type, q.name, q.value1 "
        "FROM paths p JOIN params q ON q.path_id = p.path_id ORDER BY p.path_id, q.position"
    )
    requests: dict[int, dict] = {}
    for path_id, url, method, enctype, referer, kind, name, value in rows:
        if path_id not in keep:
            continue
        if name == CSRF:
            value = csrf_token
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            continue
        if parts.path.startswith(SKIP_PATHS) or "multipart" in (enctype or ""):
            continue
        entry = requests.setdefault(
            path_id,
            {"url": url, "method": method, "referer": referer, "get": [], "post": []},
        )
        entry["get" if kind == "GET" else "post"].append((name, value or ""))
    chosen = []
    seen = set()
    for entry in requests.values():
        names = sorted({n for n, _ in entry["get"] + entry["post"]} - NOT_SQL)
        # ``next`` (where to go after signing in) is never near SQL: a page that differs from
        # another only by it is tried once. One form class posted to several pages (the giving
        # form of an initiative, of an organization's general fund, of its zakat) too.
        path = shape(urlsplit(entry["url"]).path)
        key = (entry["method"], "" if entry["method"] == "POST" else path, tuple(names))
        key_without_next = (*key[:2], tuple(n for n in names if n != "next"))
        if not key_without_next[2] or key_without_next in seen:
            continue
        seen.add(key_without_next)
        url = entry["url"]
        if entry["get"]:
            url += "?" + urlencode(entry["get"])
        target = {"url": url, "method": entry["method"], "params": names}
        if entry["method"] == "POST":
            target["data"] = urlencode(entry["post"])
        chosen.append(target)
    return chosen


if __name__ == "__main__":
    if sys.argv[1:2] == ["prune"] and len(sys.argv) == 4:
        before, after = prune(sys.argv[2], sys.argv[3])
        print(f"{before} requests crawled, {after} kinds kept for the attacks")
    elif sys.argv[1:2] == ["targets"] and len(sys.argv) == 5:
        json.dump(targets(*sys.argv[2:]), sys.stdout, indent=1)
    else:
        raise SystemExit(__doc__)
