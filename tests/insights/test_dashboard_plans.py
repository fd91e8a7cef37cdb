"""The dashboards read the rollups only: for each insights page, computed cold (empty cache),
a bounded number of queries, none of which names the donations or the ledger, and whose
PostgreSQL plans (EXPLAIN) touch neither; the warm view (cached until the next refresh) asks
fewer. This is what keeps a page's cost independent of the number of donations (the 2M bench).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joud.insights.services import rollups_rebuild
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory
from tests.fixtures.signin import login_with_totp
from tests.insights.helpers import at, gift

pytestmark = pytest.mark.django_db

RAW = re.compile(r"\b(donations_(donation|paymentattempt|refund)|ledger_(entry|transaction))\b")
# Cold: computed from the rollups; the count includes the session, the user, the membership and
# the two-factor checks that every signed-in page makes.
PAGES = [
    # (actor, url name, query, cold at most, warm at most)
    ("ministry", "insights:ministry", {}, 17, 6),
    ("ministry", "insights:ministry", {"axis": "gregorian", "period": "all"}, 17, 6),
    ("ministry", "insights:priorities", {}, 12, 4),
    ("ministry", "insights:anomalies", {}, 5, 5),
    ("admin", "insights:organization", {}, 20, 9),
    ("admin", "insights:donors", {}, 9, 9),
]


@pytest.fixture
def world(db):
    org = OrganizationFactory()
    initiative = InitiativeFactory(organization=org, state="live", category="orphans")
    today = timezone.localdate()
    for n in range(60):
        gift(
            org, when=at(today - dt.timedelta(days=n * 5)), amount="5",
            email=f"d{n % 25}@example.om", initiative=initiative if n % 2 else None,
        )  # fmt: skip
    rollups_rebuild()
    return org


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(("actor", "name", "query", "cold", "warm"), PAGES)
def test_each_dashboard_reads_the_rollups_only(
    client, world, reviewer, actor, name, query, cold, warm
):
    user = reviewer if actor == "ministry" else None
    if user is None:
        user = MembershipFactory(organization=world, role="admin").user
    login_with_totp(client, user)
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse(name), query).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(reverse(name), query).status_code == 200
    assert len(first) <= cold, [q["sql"][:120] for q in first]
    assert len(second) <= warm, [q["sql"][:120] for q in second]
    for captured in first.captured_queries:
        sql = captured["sql"]
        assert not RAW.search(sql), sql
        if sql.lstrip().upper().startswith("SELECT"):
            plan = _explain(sql)
            assert not RAW.search(plan), plan


def test_the_check_sees_a_page_that_reads_the_donations(client, world):
    """The same check on the donor's own space (which lists their gifts) finds the table: the
    check above is not blind."""
    from joud.donations.models import Donation
    from tests.factories import UserFactory

    donor = UserFactory()
    Donation.unscoped.filter(organization=world).update(donor=donor)
    client.force_login(donor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/me/").status_code == 200
    plans = [_explain(q["sql"]) for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert any(RAW.search(plan) for plan in plans)
