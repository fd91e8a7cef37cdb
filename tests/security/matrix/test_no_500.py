"""No 500 from any form or parameter: hostile values posted to every form the matrix's pages
show and sent in every query parameter its pages read, as a role allowed there.

Hostile means huge and negative numbers, exponents, NaN and Infinity, Arabic-Indic digits,
Unicode controls (NUL, right-to-left override, right-to-left mark), 10,000-character strings,
empty values and wrong types (a list where one value is expected). Each example mixes them with
the values the page itself offers, so that the other fields pass and the hostile one is reached.
The clients raise the view's exception (``raise_request_exception``), so a failure shows the
traceback. Examples per URL: ``JOUD_NO500_EXAMPLES`` (default 5); the same examples on every
run (``make test`` stays reproducible) unless ``JOUD_NO500_RANDOM=1`` asks for new ones.
"""

from __future__ import annotations

import os

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.matrix.discovery import KNOWN_QUERY, Endpoint, discover, preferred_role
from tests.security.matrix.probe import ask, path_for, url_patterns
from tests.security.matrix.table import TABLE

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("JOUD_NO500_EXAMPLES", "5"))
EXPLORE = os.environ.get("JOUD_NO500_RANDOM") == "1"
PRESENT = {key for key, _route in url_patterns()}
# The Django admin's own forms are Django's; the logout would only sign the client out.
KEYS = sorted(
    key
    for key in TABLE
    if key in PRESENT
    and not key.startswith(("admin:", "django-admin/"))
    and key != "account_logout"
)

HOSTILE = (
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 400,
    "1e99",
    "-1e99",
    "1e13",
    "1e26",
    "1E+308",
    "1e-400",
    "NaN",
    "-nan",
    "Infinity",
    "-Infinity",
    "0x1F",
    "0",
    "-1",
    "1.0000001",
    "١٢٣",
    "٥٫٥٠٠",
    "\x00",
    "a\x00b",
    "\u202e\u0643\u062a\u0627\u0628",
    "\u200f",
    "x" * 10_000,
    "",
    " ",
    "null",
    "[]",
    "{}",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'; SELECT 1; --",
    "2024-02-30",
    "99999-12-31",
    "\ud7ff\ufffd",
)

SWEEP = ("\x00", "1e99", "99999999999999999999", "x" * 10_000)

hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(max_size=40),
)


def _value(offered: list[str]):
    choices = [hostile, st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3)]
    if offered:
        choices = [st.sampled_from(offered), st.sampled_from(offered), *choices]
    return st.one_of(choices)


@pytest.fixture(scope="module")
def forms(world):
    return discover(world, TABLE)


# Fields the views read straight from request.POST (no form renders them in the world's state).
POSTED_DIRECTLY = ("action", "answer", "application", "offer", "reason", "to", "status")


def _every_field(forms) -> dict[str, list[str]]:
    fields = {name: [] for name in POSTED_DIRECTLY}
    for endpoints in forms.values():
        for endpoint in endpoints:
            for name, values in endpoint.fields.items():
                fields.setdefault(name, []).extend(values)
    return fields


def _endpoints(world, forms, key: str) -> list[Endpoint]:
    row = TABLE[key]
    endpoints = list(forms.get(key, []))
    path = path_for(key, row, world).split("?")[0]
    role = preferred_role(row.get)
    if role is not None:
        query = {name: [] for name in KNOWN_QUERY}
        for endpoint in endpoints:
            if endpoint.method == "GET":
                query.update(endpoint.fields)
        endpoints.append(Endpoint(key, path, "GET", role, query))
    poster = preferred_role(row.post)
    if poster is not None and not any(e.method == "POST" for e in endpoints):
        # No page of the world shows this form (the object is not in that state): every field
        # name the site's forms use, so the view's own form meets them.
        endpoints.append(Endpoint(key, path, "POST", poster, _every_field(forms)))
    return [e for e in endpoints if e.method == "GET" or poster]


def _send(world, endpoint: Endpoint, values: dict, also: tuple) -> None:
    client = world.clients[endpoint.role]
    where = f"{endpoint.method} {endpoint.path} ({endpoint.key}) as {endpoint.role}"
    try:
        response = ask(client, endpoint.method, endpoint.path, values)
    except Exception as exc:
        raise AssertionError(f"{where} raised {exc!r}") from exc
    assert response.status_code < 500 or response.status_code in also, (
        f"{where}: {response.status_code}"
    )


@pytest.mark.parametrize("key", KEYS)
def test_no_500_from_any_form_or_parameter(world, forms, key):
    endpoints = _endpoints(world, forms, key)
    if not endpoints:
        pytest.skip(f"{key}: no role may use it, nothing to send")
    also = TABLE[key].also_answers

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not EXPLORE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def run(data):
        endpoint = data.draw(st.sampled_from(endpoints), label="endpoint")
        names = sorted(endpoint.fields)
        chosen = []
        if names:
            chosen = data.draw(st.lists(st.sampled_from(names), unique=True), label="fields")
        values = {name: data.draw(_value(endpoint.fields[name]), label=name) for name in chosen}
        _send(world, endpoint, values, also)

    if len(endpoints) == 1 and not endpoints[0].fields:
        pytest.skip(f"{key}: no parameter to vary")
    for endpoint in endpoints:  # first every field at once, for each of the classic attacks
        for value in SWEEP:
            _send(world, endpoint, dict.fromkeys(endpoint.fields, value), also)
    run()


PATH_NUMBERS = (0, 1, 1500, 99999, 2**31, 2**63, 10**20, 10**100)
PATH_TEXTS = ("\x00", "a\x00", "\u202e", "١٢٣", "x" * 2000, "..", "%ff", "JD-\u0000")


def _hostile_paths(world, key: str):
    """The row's URL with each argument replaced by hostile numbers or texts."""
    row = TABLE[key]
    if row.kwargs is None:
        return
    kwargs = row.kwargs(world)
    for name, value in kwargs.items():
        hostile_values = PATH_NUMBERS if isinstance(value, int) else PATH_TEXTS
        for hostile_value in hostile_values:
            try:
                yield reverse(key, kwargs={**kwargs, name: hostile_value})
            except NoReverseMatch:  # the converter refuses it: the URL cannot be asked for
                continue


@pytest.mark.parametrize("key", [key for key in KEYS if TABLE[key].kwargs is not None])
def test_no_500_from_any_path_argument(world, key):
    row = TABLE[key]
    for method, allowed in (("GET", row.get), ("POST", row.post)):
        role = preferred_role(allowed)
        if role is None:
            continue
        for path in _hostile_paths(world, key):
            try:
                response = ask(world.clients[role], method, path)
            except Exception as exc:
                raise AssertionError(f"{method} {path[:200]} as {role} raised {exc!r}") from exc
            assert response.status_code < 500, f"{method} {path[:200]}: {response.status_code}"
