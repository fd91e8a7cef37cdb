"""The forms the matrix's pages show: rendered as a role allowed to see them, parsed for their
fields, and grouped by the URL pattern they submit to."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from tests.security.matrix.probe import ask, path_for

# Who renders or submits a page, most specific first: a role that owns the objects in the URLs.
PREFERENCE = (
    "admin_a",
    "caseworker_a",
    "coordinator_a",
    "finance_a",
    "volunteer",
    "donor",
    "reviewer",
    "applicant",
    "platform_admin",
    "anonymous",
)
# Query parameters the list and search pages read, besides those of their own forms.
KNOWN_QUERY = (
    "page",
    "q",
    "category",
    "governorate",
    "wilayat",
    "organization",
    "year",
    "sort",
    "status",
    "state",
    "kind",
    "lang",
    "next",
    "code",
    "amount",
    "t",
    "to",
    "by",
    "action",
)


@dataclass
class Endpoint:
    key: str
    path: str
    method: str
    role: str
    # Each field with the values the page offers (its value, its options): examples mix these
    # with hostile values so that the other fields pass and the hostile one is reached.
    fields: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, list[str]]]] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append((attrs.get("method", "get").lower(), attrs.get("action", ""), {}))
            return
        if not self.forms:
            return
        fields = self.forms[-1][2]
        name = attrs.get("name")
        if tag in ("input", "textarea", "button") and name:
            if name != "csrfmiddlewaretoken":
                fields.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select:
            fields[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def preferred_role(allowed) -> str | None:
    return next((role for role in PREFERENCE if role in allowed), None)


def _key_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


# Pages whose forms show only for objects in another state than the table's: the live
# initiative's (end, report, news), the pending gift's thank-you page (check, retry again).
EXTRA_PAGES = (
    lambda w: f"/org/initiatives/{w.live.public_code}/",
    lambda w: f"/give/thanks/{w.pending.reference}/",
    lambda w: f"/cases/{w.rejected_case.reference}/",
)
# Besides the preferred role, the roles whose own things put forms on a shared page.
OWNERS = ("volunteer", "donor")


def _pages(world, table: dict):
    for key, row in table.items():
        if key.startswith("admin:") or row.optional:
            continue
        roles = {preferred_role(row.get), *(role for role in OWNERS if role in row.get)}
        for role in roles - {None}:
            yield role, path_for(key, row, world)
    for page in EXTRA_PAGES:
        yield "admin_a", page(world)
    yield "donor", f"/give/thanks/{world.pending.reference}/"


def discover(world, table: dict) -> dict[str, list[Endpoint]]:
    """Every form of every page the table's roles can open, by the URL pattern it posts to."""
    found: dict[tuple[str, str], Endpoint] = {}
    for role, page in _pages(world, table):
        response = ask(world.clients[role], "GET", page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _FormParser()
        parser.feed(response.content.decode(errors="replace"))
        for method, action, fields in parser.forms:
            target = urlsplit(action).path or urlsplit(page).path
            target_key = _key_of(target)
            if target_key not in table:
                continue
            method = "POST" if method == "post" else "GET"
            target_row = table[target_key]
            allowed = target_row.post if method == "POST" else target_row.get
            submitter = role if role in allowed else preferred_role(allowed)
            if submitter is None:
                continue
            endpoint = found.setdefault(
                (target, method), Endpoint(target_key, target, method, submitter)
            )
            for name, values in fields.items():
                endpoint.fields.setdefault(name, []).extend(v for v in values if v)
    by_key: dict[str, list[Endpoint]] = {}
    for endpoint in found.values():
        by_key.setdefault(endpoint.key, []).append(endpoint)
    return by_key
