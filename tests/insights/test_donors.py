"""Donor segments (each rule), lapse risk, and the organization's lists to act on, honouring
consent, with "not enough data yet" below the thresholds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import hijri_month_start, to_hijri
from joud.core.tenancy import organization_scope
from joud.donations.models import Donation
from joud.insights.donors import segments as s
from joud.insights.donors.selectors import MIN_DONORS, donor_report
from joud.insights.services import rollups_rebuild
from joud.privacy.models import Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services.consent import consent_withdraw
from tests.factories import OrganizationFactory, UserFactory
from tests.insights.helpers import agree_to_updates, at, gift

TODAY = timezone.localdate()
TOP = Decimal("100")


@pytest.mark.parametrize(
    ("recency", "gifts", "amount", "expected"),
    [
        (10, 4, Decimal("100"), s.CHAMPION),
        (10, 4, Decimal("99"), s.LOYAL),  # frequent and recent, not in the top fifth
        (170, 2, Decimal("5"), s.LOYAL),
        (30, 1, Decimal("500"), s.NEW),
        (200, 3, Decimal("5"), s.AT_RISK),
        (91, 1, Decimal("5"), s.ONE_OFF),
        (365, 1, Decimal("5"), s.ONE_OFF),
        (366, 9, Decimal("900"), s.LAPSED),
    ],
)
def test_each_segment_rule(recency, gifts, amount, expected):
    assert s.segment(recency_days=recency, gifts=gifts, amount=amount, top_amount=TOP) == expected


@pytest.mark.parametrize(("silence", "expected"), [(20, s.LOW), (40, s.MEDIUM), (61, s.HIGH)])
def test_lapse_risk_against_the_donors_own_rhythm(silence, expected):
    # Four gifts over 90 days: one every 30 days.
    last = TODAY - dt.timedelta(days=silence)
    first = last - dt.timedelta(days=90)
    assert s.lapse_risk(first=first, last=last, gifts=4, today=TODAY) == expected


def test_one_gift_is_no_rhythm():
    assert s.lapse_risk(first=TODAY, last=TODAY, gifts=1, today=TODAY) == s.UNKNOWN


@pytest.mark.django_db
def test_not_enough_data_yet_below_twenty_donors():
    org = OrganizationFactory()
    for n in range(MIN_DONORS - 1):
        gift(org, when=at(TODAY - dt.timedelta(days=200)), email=f"d{n}@example.om")
    rollups_rebuild()
    report = report_of(org)
    assert not report.enough and report.donors == MIN_DONORS - 1
    assert report.segments == [] and report.thank == []


def report_of(organization):
    """As the donors page reads it: inside the organization's scope."""
    with organization_scope(organization):
        return donor_report(organization_id=organization.pk)


def _ramadan_day(hijri_year: int) -> dt.date:
    return hijri_month_start(hijri_year, 9) + dt.timedelta(days=20)


@pytest.mark.django_db
def test_lists_to_act_on_honour_consent():
    org = OrganizationFactory()
    year, month, _day = to_hijri(TODAY)
    this_ramadan = year + 1 if month > 9 else year  # the coming or current one
    # Twenty filler donors, long enough ago that none is on a list.
    for n in range(MIN_DONORS):
        gift(org, when=at(TODAY - dt.timedelta(days=400)), email=f"f{n}@example.om")
        agree_to_updates(email=f"f{n}@example.om")
    for email in ("thanks@", "anon@", "ramadan@", "once@", "habit@", "withdrew@"):
        agree_to_updates(email=f"{email}example.om")
    consent_withdraw(subject=DataSubject(email="withdrew@example.om"), purpose=Purpose.UPDATES)
    # Gave 3 days ago too, but never agreed to hear from the association, or withdrew.
    for email in ("never@example.om", "withdrew@example.om"):
        gift(org, when=at(TODAY - dt.timedelta(days=3)), amount="60", email=email, name="لا")
    # Thank: gave 3 days ago.
    gift(
        org,
        when=at(TODAY - dt.timedelta(days=3)),
        amount="50",
        email="thanks@example.om",
        name="شكر",
    )
    gift(
        org,
        when=at(TODAY - dt.timedelta(days=2)),
        amount="90",
        email="anon@example.om",
        anonymous=True,
    )
    gift(org, when=at(TODAY - dt.timedelta(days=2)), amount="80", name="بلا وسيلة")  # no contact
    # Ramadan regular: the two Ramadans before this one, not this one.
    for back in (1, 2):
        gift(
            org,
            when=at(_ramadan_day(this_ramadan - back)),
            email="ramadan@example.om",
            name="رمضان",
        )
    # Gave in one earlier Ramadan only: not a regular.
    gift(org, when=at(_ramadan_day(this_ramadan - 1)), email="once@example.om", name="مرة")
    # Recurring invite: three gifts in three different months.
    for months_ago in (1, 2, 3):
        when = at(TODAY - dt.timedelta(days=30 * months_ago + 5))
        gift(org, when=when, email="habit@example.om", name="عادة")
    rollups_rebuild()

    report = report_of(org)
    assert report.enough
    assert [p.contact for p in report.thank] == ["thanks@example.om"]
    assert [p.contact for p in report.ramadan] == ["ramadan@example.om"]
    assert "habit@example.om" in [p.contact for p in report.recurring]
    # the anonymous donor, the one who never agreed and the one who withdrew (no contact: no key)
    assert report.hidden_without_consent == 3
    assert sum(seg["donors"] for seg in report.segments) == report.donors
    assert report.ramadan_year == this_ramadan


@pytest.mark.django_db
def test_another_organizations_donors_never_appear():
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    for n in range(MIN_DONORS):
        gift(mine, when=at(TODAY - dt.timedelta(days=100)), email=f"m{n}@example.om")
        gift(theirs, when=at(TODAY - dt.timedelta(days=100)), email=f"t{n}@example.om")
    gift(theirs, when=at(TODAY), email="theirs@example.om", name="ليس لنا")
    rollups_rebuild()
    report = report_of(mine)
    assert report.donors == MIN_DONORS
    assert "theirs@example.om" not in [p.contact for p in report.thank]


@pytest.mark.django_db
def test_a_registered_donor_is_reached_through_the_account_unless_it_is_closed():
    org = OrganizationFactory()
    active = UserFactory(full_name="مريم", email="maryam@example.om")
    closed = UserFactory(full_name="خالد", email="khalid@example.om", is_active=False)
    for n in range(MIN_DONORS):
        gift(org, when=at(TODAY - dt.timedelta(days=200)), email=f"f{n}@example.om")
    for user in (active, closed):
        agree_to_updates(user=user)
        donation = gift(org, when=at(TODAY - dt.timedelta(days=1)), name="", amount="70")
        Donation.unscoped.filter(pk=donation.pk).update(donor=user)
    rollups_rebuild()
    assert [(p.name, p.contact) for p in report_of(org).thank] == [("مريم", "maryam@example.om")]
