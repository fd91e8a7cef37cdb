"""How the matrix walks the URL map and asks one question of one URL as one role."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ALLOWED = "allowed"
REFUSED = "refused"

# Where the site and its admin send someone who must sign in (or pass two-factor) first.
_SIGN_IN_PREFIXES = ("/accounts/login/", "/accounts/2fa/", "/django-admin/login/")


def url_patterns(resolver: URLResolver | None = None, namespace: str = "", route: str = ""):
    """Every pattern of the URL map as (key, route): the key is the pattern's name with its
    namespace ("campaigns:detail"), or its route where it has no name."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern, inner, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            full_route = route + str(pattern.pattern)
            if pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                key = full_route
            yield key, full_route


def outcome(response, also_answers: tuple = ()) -> str:
    """ "allowed": the view answered (2xx, a redirect that is not to sign in, or a 400 for the
    empty or bad input it was sent); "refused": sign in first, 403, 404, 405 or 429 (a rate
    limit: allauth counts PUT and DELETE as attempts too); anything else
    is returned as its status code so the failure says what it was."""
    status = response.status_code
    if status in also_answers:
        return ALLOWED
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        return REFUSED if target.startswith(_SIGN_IN_PREFIXES) else ALLOWED
    if status in (403, 404, 405, 429):
        return REFUSED
    if 200 <= status < 300 or status == 400:
        return ALLOWED
    return str(status)


def ask(client, method: str, path: str, data: dict | None = None):
    """One request, its effects rolled back and the client's cookies put back, so the next
    role (or the next method) meets the same world."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = client.generic(method, path) if method in ("PUT", "DELETE") else None
            if response is None:
                response = getattr(client, method.lower())(path, data or {})
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def path_for(key: str, row, world) -> str:
    if row.path is not None:
        return row.path(world)
    return reverse(key, kwargs=row.kwargs(world) if row.kwargs else {})


def uncovered(table: dict) -> Iterator[str]:
    for key, route in url_patterns():
        if key not in table:
            yield f"{key} ({route})"


def described(response) -> str:
    location = response.get("Location")
    return f"{response.status_code} -> {location}" if location else str(response.status_code)
