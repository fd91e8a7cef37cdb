"""The daily rollups: what each row counts, the local day, new against returning donors, the
incremental refresh agreeing with the full rebuild, channels, funnels, needs, the periodic job."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from joud.core.scheduling import load_periodic_jobs
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.insights.models import (
    CohortRollup,
    DailyRollup,
    DonorProfile,
    FunnelDay,
    NationalDaily,
    NeedRollup,
)
from joud.insights.services import rollups_rebuild, rollups_refresh
from tests.donations.factories import deliver, event_body, make_donation
from tests.factories import InitiativeFactory, OrganizationFactory
from tests.insights.helpers import at, gift

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def rows():
    with scopes_disabled():
        return sorted(
            DailyRollup.objects.values_list(
                "day", "organization_id", "initiative_id", "category", "channel", "amount",
                "gifts", "new_donors", "returning_gifts",
            )
        )  # fmt: skip


def test_rebuild_counts_amounts_new_and_returning_donors_per_day():
    org = OrganizationFactory()
    initiative = InitiativeFactory(organization=org, category="orphans")
    old = TODAY - dt.timedelta(days=40)
    gift(org, when=at(old), email="a@example.om", amount="10", initiative=initiative)
    gift(org, when=at(TODAY), email="A@example.om", amount="2.5", initiative=initiative)
    gift(org, when=at(TODAY), email="b@example.om", amount="1.250", initiative=initiative)
    gift(org, when=at(TODAY), email="c@example.om", state="failed")  # never counted

    rollups_rebuild()

    today_row = [r for r in rows() if r[0] == TODAY]
    assert len(today_row) == 1
    day, org_id, init_id, category, channel, amount, gifts, new, returning = today_row[0]
    assert (org_id, init_id, category) == (org.pk, initiative.pk, "orphans")
    assert amount == Decimal("3.750") and gifts == 2
    assert new == 1  # b gives for the first time
    assert returning == 1  # a (emails compared without case) gave 40 days ago
    with scopes_disabled():
        national = NationalDaily.objects.filter(day=TODAY).aggregate(s=Sum("amount"))["s"]
    assert national == Decimal("3.750")


def test_the_day_is_muscat_day_not_utc():
    org = OrganizationFactory()
    # 23:30 in Muscat is 19:30 UTC the same day; 01:00 in Muscat is 21:00 UTC the day before.
    yesterday = TODAY - dt.timedelta(days=1)
    gift(org, when=at(TODAY, hour=1), email="x@example.om")
    gift(org, when=at(yesterday, hour=23), email="y@example.om")
    rollups_rebuild()
    days = {r[0]: r[6] for r in rows()}
    assert days == {TODAY: 1, yesterday: 1}


def test_refresh_of_the_last_two_days_matches_the_full_rebuild_and_is_repeatable():
    org, other = OrganizationFactory(), OrganizationFactory()
    for days_ago, email in [(300, "a"), (3, "a"), (1, "a"), (1, "b"), (0, "c"), (0, "a")]:
        gift(org, when=at(TODAY - dt.timedelta(days=days_ago)), email=f"{email}@example.om")
    gift(other, when=at(TODAY), email="a@example.om")  # a is new to the other organization
    rollups_rebuild()
    rebuilt = rows()
    with scopes_disabled():
        profiles = sorted(DonorProfile.objects.values_list("organization_id", "key", "gifts"))
    DailyRollup.unscoped.filter(day__gte=TODAY - dt.timedelta(days=1)).delete()
    rollups_refresh()
    rollups_refresh()
    assert rows() == rebuilt
    with scopes_disabled():
        assert (
            sorted(DonorProfile.objects.values_list("organization_id", "key", "gifts")) == profiles
        )
    by_org = {(r[1], r[0]): (r[7], r[8]) for r in rows() if r[0] == TODAY}
    assert by_org[(org.pk, TODAY)] == (1, 1)  # c new, a returning
    assert by_org[(other.pk, TODAY)] == (1, 0)


def test_cohorts_by_hijri_year_of_first_gift():
    org = OrganizationFactory()
    long_ago = TODAY - dt.timedelta(days=400)  # an earlier Hijri year (354–355 days)
    gift(org, when=at(long_ago), email="a@example.om")
    gift(org, when=at(long_ago), email="b@example.om")
    gift(org, when=at(TODAY), email="a@example.om")
    rollups_rebuild()
    with organization_scope(org):
        cells = {(c.cohort, c.year): c.donors for c in CohortRollup.objects.all()}
    first, later = sorted({c for c, _y in cells})[0], max(y for _c, y in cells)
    assert cells[(first, first)] == 2 and cells[(first, later)] == 1


def test_channel_is_the_gateway_of_a_real_confirmed_payment(engine):
    initiative = InitiativeFactory()
    donation, attempt = make_donation(
        initiative=initiative, amount="7.000", donor_email="z@example.om"
    )
    status, _body = deliver(event_body(attempt))
    assert status == 200
    rollups_refresh()
    assert [(r[4], r[5]) for r in rows()] == [("sandbox", Decimal("7.000"))]


def test_funnel_counts_visits_checkouts_and_confirmed(client):
    cache.clear()
    initiative = InitiativeFactory()
    url = reverse("campaigns:detail", args=[initiative.public_code])
    for _ in range(3):
        assert client.get(url).status_code == 200
    client.get(reverse("campaigns:detail", args=["NOPE99"]))  # a 404 counts nothing
    gift(initiative.organization, when=at(TODAY), email="a@example.om", initiative=initiative)
    gift(initiative.organization, when=at(TODAY), initiative=initiative, state="pending")
    rollups_refresh()
    rollups_refresh()  # folding twice does not double the visits
    with scopes_disabled():
        row = FunnelDay.objects.get(initiative=initiative, day=TODAY)
    assert (row.visits, row.checkouts, row.confirmed) == (3, 2, 1)


def test_needs_per_wilayat_from_open_cases(case_a):
    rollups_refresh()
    need = NeedRollup.objects.get()
    assert need.open_cases == 1 and need.category == "living"
    assert need.wilayat.name_ar == "نزوى"


def test_the_refresh_is_a_registered_periodic_job():
    jobs = load_periodic_jobs()
    assert jobs["insights.rollups"].every == dt.timedelta(minutes=15)


def test_an_anonymous_gift_is_never_folded_into_the_donors_named_profile():
    org = OrganizationFactory()
    gift(
        org,
        when=at(TODAY - dt.timedelta(days=9)),
        email="s@example.om",
        amount="90",
        anonymous=True,
    )
    gift(org, when=at(TODAY - dt.timedelta(days=3)), email="S@example.om", amount="50", name="سالم")
    for rebuild in (rollups_rebuild, lambda: rollups_refresh(days=10)):
        rebuild()
        with scopes_disabled():
            profiles = {p.key: p for p in DonorProfile.objects.filter(organization=org)}
        named = profiles["e:s@example.om"]
        assert (named.name, named.gifts, named.amount) == ("سالم", 1, Decimal("50.000"))
        hidden = [p for k, p in profiles.items() if k != "e:s@example.om"]
        assert [(p.name, p.gifts, p.amount, p.contact_ok) for p in hidden] == [
            ("", 1, Decimal("90.000"), False)
        ]
