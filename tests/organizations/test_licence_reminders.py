"""Licence expiry: the licence lapses the day after its end date in Oman (Asia/Muscat), which
stops giving as a suspension does; the organization is reminded 30 and 7 days before, each
reminder once, by the periodic job, with an audit entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.scheduling import load_periodic_jobs
from joud.core.tenancy import scopes_disabled
from joud.donations import services as giving
from joud.organizations.licence import licence_reminder_due, licence_reminders_send
from joud.organizations.models import LicenceReminder
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

END = dt.date(2026, 12, 31)
MUSCAT = dt.timezone(dt.timedelta(hours=4))


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))


def test_the_licence_lapses_at_midnight_in_muscat_not_utc(monkeypatch):
    org = OrganizationFactory(licence_expires_on=END)
    item = InitiativeFactory(organization=org)
    # 23:59 on the last day in Muscat: still licensed, still taking gifts.
    _at(monkeypatch, dt.datetime(2026, 12, 31, 23, 59, tzinfo=MUSCAT))
    assert org.is_licensed and item.accepts_donations
    # 00:30 in Muscat on 1 January is still 31 December in UTC: the licence has lapsed anyway.
    _at(monkeypatch, dt.datetime(2027, 1, 1, 0, 30, tzinfo=MUSCAT))
    assert timezone.now().date() == END
    assert org.licence_expired and not org.is_licensed and not item.accepts_donations
    with scopes_disabled(), pytest.raises(BusinessError):
        giving.donation_create(
            organization=org, target="initiative", initiative=item, amount=Decimal("5")
        )


def test_the_initiative_page_and_checkout_say_the_licence_expired(client):
    org = OrganizationFactory(licence_expires_on=timezone.localdate() - dt.timedelta(days=1))
    item = InitiativeFactory(organization=org)
    page = client.get(f"/initiatives/{item.public_code}/", {"lang": "en"}).content.decode()
    assert "licence-expired" in page and "It cannot receive donations" in page
    assert "not taking donations: the organization's licence has expired" in page
    assert "licence is suspended" not in page and "give-button" not in page
    arabic = client.get(f"/initiatives/{item.public_code}/", {"lang": "ar"}).content.decode()
    assert "انتهى ترخيص" in arabic
    checkout = client.get(f"/give/{item.public_code}/", {"lang": "ar"}).content.decode()
    assert "انتهى ترخيص" in checkout and 'name="custom_amount"' not in checkout


@pytest.mark.parametrize(
    ("days_left", "due"),
    [(31, None), (30, 30), (8, 30), (7, 7), (1, 7), (0, 7), (-1, None)],
)
def test_which_reminder_is_due(days_left, due):
    org = OrganizationFactory(licence_expires_on=END)
    assert licence_reminder_due(org, END - dt.timedelta(days=days_left)) == due


def test_reminders_go_30_and_7_days_before_each_once(django_capture_on_commit_callbacks):
    org = OrganizationFactory(licence_expires_on=END, contact_email="info@assoc.om")
    admin = MembershipFactory(organization=org, role="admin").user
    MembershipFactory(organization=org, role="caseworker")  # not an administrator: not told
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        assert licence_reminders_send(today=END - dt.timedelta(days=31)) == 0
        assert licence_reminders_send(today=END - dt.timedelta(days=30)) == 1
        assert licence_reminders_send(today=END - dt.timedelta(days=30)) == 0  # ran twice
        assert licence_reminders_send(today=END - dt.timedelta(days=20)) == 0
        assert licence_reminders_send(today=END - dt.timedelta(days=7)) == 1
        assert licence_reminders_send(today=END - dt.timedelta(days=3)) == 0
        assert licence_reminders_send(today=END + dt.timedelta(days=1)) == 0  # lapsed
    reminders = LicenceReminder.objects.filter(organization=org)
    assert sorted(reminders.values_list("days_before", flat=True)) == [7, 30]
    entries = AuditLogEntry.objects.filter(action="joud.organization.licence_reminder_sent")
    assert entries.count() == 2 and entries.first().organization_id == org.pk
    to = set(OutboxMessage.objects.values_list("to", flat=True))
    assert {admin.email, admin.phone, "info@assoc.om"} <= to
    bodies = list(OutboxMessage.objects.filter(to=admin.phone).values_list("body", flat=True))
    assert len(bodies) == 2 and any("٣٠" in b or "30" in b for b in bodies)


def test_a_renewed_licence_is_reminded_again_and_a_late_grant_gets_only_the_near_one():
    org = OrganizationFactory(licence_expires_on=END)
    MembershipFactory(organization=org, role="admin")
    with scopes_disabled():
        assert licence_reminders_send(today=END - dt.timedelta(days=7)) == 1
        assert licence_reminders_send(today=END - dt.timedelta(days=6)) == 0
        org.licence_expires_on = END + dt.timedelta(days=365)
        org.save()
        assert licence_reminders_send(today=org.licence_expires_on - dt.timedelta(days=30)) == 1
    assert LicenceReminder.objects.filter(organization=org).count() == 2
    assert not LicenceReminder.objects.filter(expires_on=END, days_before=30).exists()


def test_suspended_organizations_get_no_reminder_and_the_job_is_registered():
    OrganizationFactory(licence_expires_on=END, status="suspended")
    with scopes_disabled():
        assert licence_reminders_send(today=END - dt.timedelta(days=7)) == 0
    assert "joud.organizations.tasks.send_licence_reminders" in load_periodic_jobs()


@pytest.mark.parametrize(
    ("days", "arabic", "english"),
    [
        (30, "بعد ٣٠ يومًا", "ends in 30 days"),
        (7, "بعد ٧ أيام", "ends in 7 days"),
        (2, "بعد يومين", "ends in 2 days"),
        (1, "بعد يوم واحد", "ends in 1 day,"),
    ],
)
def test_the_reminder_counts_days_in_the_readers_digits_and_plural(days, arabic, english):
    from joud.core.notify import Recipient, render
    from joud.organizations.notifications import LICENCE_EXPIRING

    context = {
        "name_ar": "جمعية الخير",
        "name_en": "Al-Khair",
        "days": days,
        "expires_on": END,
    }
    ar = render(Recipient(phone="+96891234567", language="ar"), LICENCE_EXPIRING, context)[0]
    assert arabic in ar.body
    assert not any(ch.isascii() and ch.isdigit() for ch in ar.body.replace("+968", "")), ar.body
    en = render(Recipient(phone="+96891234567", language="en"), LICENCE_EXPIRING, context)[0]
    assert english in en.body and "31 December 2026" in en.body
