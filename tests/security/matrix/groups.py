"""Who the matrix names: the roles grouped as the table reads them, and a row of the table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.security.matrix.world import ROLES

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
_STAFF_A = {"admin_a", "finance_a", "caseworker_a", "coordinator_a"}
_STAFF_B = {"admin_b", "finance_b", "caseworker_b", "coordinator_b"}
# Any organization's staff, each on their own organization's page (the applicant included).
ANY_STAFF = frozenset(_STAFF_A | _STAFF_B | {"applicant"})
ANY_ADMIN = frozenset({"admin_a", "admin_b", "applicant"})
ANY_CASEWORK = frozenset({"admin_a", "caseworker_a", "admin_b", "caseworker_b", "applicant"})
ANY_FINANCE = frozenset({"admin_a", "finance_a", "admin_b", "finance_b", "applicant"})
TWO_FACTOR_USERS = ANY_STAFF | {"reviewer", "platform_admin"}
# Organization A's roles, on A's objects.
TEAM_A = frozenset(_STAFF_A)
CASEWORK_A = frozenset({"admin_a", "caseworker_a"})
CASEWORK_A_AND_B = CASEWORK_A | {"admin_b", "caseworker_b"}
FINANCE_A = frozenset({"admin_a", "finance_a"})
COORDINATORS_A = frozenset({"admin_a", "coordinator_a"})
ADMIN_A = frozenset({"admin_a"})
MINISTRY = frozenset({"reviewer"})
PLATFORM_ADMIN = frozenset({"platform_admin"})


@dataclass(frozen=True)
class Row:
    get: frozenset
    post: frozenset
    kwargs: Callable | None = None  # the URL's arguments, from the world
    path: Callable | None = None  # for a pattern that has no name to reverse
    also_answers: tuple = ()  # statuses that are this page's own answer (readyz: 503)
    optional: bool = False  # present only where its app is installed (the demo)
