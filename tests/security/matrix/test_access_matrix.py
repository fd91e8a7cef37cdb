"""Every URL pattern, every method, every role: allowed or refused exactly as ``table.py`` says.

The world (``world.py``) has two associations with the same staff roles; organization A owns the
objects in the URLs, so B's roles being refused proves they never reach A's objects, and the
mirrored run proves the same the other way round (A's roles on B's objects)."""

from __future__ import annotations

import pytest

from tests.security.matrix.probe import (
    ALLOWED,
    REFUSED,
    ask,
    described,
    outcome,
    path_for,
    uncovered,
    url_patterns,
)
from tests.security.matrix.table import TABLE
from tests.security.matrix.world import ROLES

pytestmark = pytest.mark.django_db

PRESENT = {key for key, _route in url_patterns()}
ROWS = sorted(key for key in TABLE if key in PRESENT)
SWAP = {
    **{f"{role}_a": f"{role}_b" for role in ("admin", "finance", "caseworker", "coordinator")},
    **{f"{role}_b": f"{role}_a" for role in ("admin", "finance", "caseworker", "coordinator")},
}
_OFFICE = set(SWAP) | {"applicant", "reviewer", "platform_admin"}


def test_every_url_pattern_has_a_row():
    missing = list(uncovered(TABLE))
    assert not missing, (
        "URL patterns with no row in tests/security/matrix/table.py (say who may use them): "
        + ", ".join(missing)
    )


def test_a_url_pattern_without_a_row_is_named():
    """The guard above can fail: drop one row and the pattern is reported by name and route."""
    without = {key: row for key, row in TABLE.items() if key != "campaigns:detail"}
    assert list(uncovered(without)) == ["campaigns:detail (initiatives/<str:code>/)"]


def test_every_row_is_a_url_pattern():
    stale = [key for key, row in TABLE.items() if key not in PRESENT and not row.optional]
    assert not stale, f"rows of table.py for URL patterns that no longer exist: {stale}"


def _check(world, key: str, method: str, allowed: frozenset, roles=ROLES) -> list[str]:
    row = TABLE[key]
    path = path_for(key, row, world)
    wrong = []
    for role in roles:
        try:
            response = ask(world.clients[role], method, path)
        except Exception as exc:
            raise AssertionError(f"{method} {path} ({key}) as {role} raised {exc!r}") from exc
        want = ALLOWED if role in allowed else REFUSED
        if outcome(response, row.also_answers) != want:
            wrong.append(
                f"{method} {path} ({key}) as {role}: expected {want}, got {described(response)}"
            )
    return wrong


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("key", ROWS)
def test_each_role_is_allowed_or_refused_as_the_table_says(world, key, method):
    row = TABLE[key]
    wrong = _check(world, key, method, row.get if method == "GET" else row.post)
    assert not wrong, "\n".join(wrong)


def _mirrored(allowed: frozenset) -> frozenset | None:
    """What the row allows on organization B's objects, or None where it is not an
    organization's or a donor's own (public pages, pages of every signed-in user)."""
    if allowed and allowed <= _OFFICE and any(role in SWAP for role in allowed):
        return frozenset(SWAP.get(role, role) for role in allowed)
    if allowed in ({"donor"}, {"volunteer"}):
        return frozenset({"other_donor"})
    return None


MIRRORED = [
    (key, method)
    for key in ROWS
    for method in ("GET", "POST")
    if _mirrored(TABLE[key].get if method == "GET" else TABLE[key].post)
    not in (None, TABLE[key].get if method == "GET" else TABLE[key].post)
]


@pytest.mark.parametrize(("key", "method"), MIRRORED)
def test_organization_a_never_reaches_organization_b_objects(world, key, method):
    row = TABLE[key]
    allowed = _mirrored(row.get if method == "GET" else row.post)
    wrong = _check(world.mirror(), key, method, allowed)
    assert not wrong, "\n".join(wrong)


def _sample_roles(allowed: frozenset) -> list[str]:
    """Anonymous, one role the row allows and one it refuses (besides anonymous)."""
    roles = ["anonymous"]
    roles += [role for role in ROLES if role in allowed and role != "anonymous"][:1]
    roles += [role for role in ROLES if role not in allowed and role != "anonymous"][:1]
    return roles


@pytest.mark.parametrize("key", ROWS)
def test_head_put_delete_are_refused_or_answered_as_get(world, key):
    """Never more than GET: HEAD, PUT and DELETE are refused (405, ...) or answered as GET."""
    row = TABLE[key]
    path = path_for(key, row, world)
    wrong = []
    for role in _sample_roles(row.get):
        want = ALLOWED if role in row.get else REFUSED
        for method in ("HEAD", "PUT", "DELETE"):
            response = ask(world.clients[role], method, path)
            if outcome(response, row.also_answers) not in (want, REFUSED):
                wrong.append(
                    f"{method} {path} ({key}) as {role}: {want}, got {described(response)}"
                )
    assert not wrong, "\n".join(wrong)
