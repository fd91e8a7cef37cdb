"""The consents the forms collect, each on a positive act and with its proof: the giving form's
public name ("show my name", never an unticked box), a giving plan's consents, an adult
volunteer's sign-up; and the regulation's answer periods (a rights request's days, a breach's
hours) as settings that refuse a longer period than the law's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import checks
from django.test import override_settings
from django.utils import timezone, translation

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, RecurringPlan
from joud.donations.recurring import recurring_charge_due
from joud.privacy.models import Consent, ConsentText, Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_withdraw
from joud.privacy.services.rights import rights_request_open
from joud.settings.guard import unsafe_production_settings
from joud.settings.privacy import period_problems
from joud.volunteering import services as volunteering
from tests.volunteering.factories import ShiftFactory, minor, volunteer

pytestmark = pytest.mark.django_db
PHONE = "+96891234567"


def _give(client, initiative, **data):
    form = {"preset": "5.000", "gift_language": "ar", "donor_phone": "9123 4567"}
    form.update(data)
    return client.post(f"/give/{initiative.public_code}/", form)


def _consents(purpose: str):
    return Consent.objects.filter(purpose__code=purpose, phone=PHONE)


def test_an_unticked_box_is_no_consent_to_show_the_name(client, initiative):
    response = _give(client, initiative, donor_name="سالم الحارثي")
    assert response.status_code == 302
    with scopes_disabled():
        gift = Donation.objects.get()
    assert gift.donor_name == "سالم الحارثي" and not gift.is_anonymous  # the receipt's name
    assert gift.display_name == "", "shown publicly without a positive act"
    assert not _consents(Purpose.PUBLIC_NAME).exists()


def test_show_my_name_records_the_consent_with_its_proof(client, initiative):
    response = _give(client, initiative, donor_name="Salim", show_name="on", wants_updates="on")
    assert response.status_code == 302
    with scopes_disabled():
        gift = Donation.objects.get()
    assert gift.display_name == "Salim"
    consent = _consents(Purpose.PUBLIC_NAME).get()
    text = ConsentText.objects.get(purpose__code=Purpose.PUBLIC_NAME, version=1)
    assert consent.method == Consent.Method.WEB and consent.language == "ar"
    assert consent.text == text and consent.text_shown == text.body_ar
    assert consent.evidence == f"giving form, gift {gift.reference}"
    assert _consents(Purpose.UPDATES).get().evidence == consent.evidence


def test_show_my_name_needs_a_name_and_is_not_anonymous(client, initiative):
    both = _give(client, initiative, donor_name="Salim", show_name="on", is_anonymous="on")
    assert both.status_code == 200
    assert "ألغِ تحديد أحد المربعين" in both.content.decode()
    nameless = _give(client, initiative, show_name="on")
    assert nameless.status_code == 200
    assert "اكتب الاسم الذي يظهر مع تبرعك" in nameless.content.decode()
    with scopes_disabled():
        assert not Donation.objects.exists()
    assert not Consent.objects.exists()


def test_the_form_offers_show_my_name_unticked(client, initiative):
    html = client.get(f"/give/{initiative.public_code}/").content.decode()
    assert 'name="show_name"' in html
    box = html[html.index('name="show_name"') - 200 : html.index('name="show_name"') + 200]
    assert "checked" not in box


def test_a_plan_records_its_consents_and_each_charge_follows_them(
    client, initiative, django_capture_on_commit_callbacks
):
    fields = {
        "preset": "5.000",
        "frequency": "daily",
        "donor_phone": "91234567",
        "donor_name": "Salim",
        "show_name": "on",
        "wants_updates": "on",
        "gift_language": "ar",
        "plan_step": "confirm",
    }
    response = client.post(f"/give/{initiative.public_code}/", fields)
    assert response.status_code == 302
    with scopes_disabled():
        plan = RecurringPlan.objects.get()
    for purpose in (Purpose.PUBLIC_NAME, Purpose.UPDATES):
        consent = _consents(purpose).get()
        assert consent.evidence == f"giving form, plan {plan.pk}"
        assert consent.method == Consent.Method.WEB and consent.text_shown

    today = plan.next_charge_on
    with django_capture_on_commit_callbacks(execute=True):
        recurring_charge_due(today=today)
    consent_withdraw(subject=DataSubject(phone=PHONE), purpose=Purpose.PUBLIC_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        recurring_charge_due(today=today + dt.timedelta(days=1))
    with scopes_disabled():
        first, second = Donation.objects.filter(donor_phone=PHONE).order_by("created_at")
    assert first.display_name == "" and first.is_anonymous  # hidden by the withdrawal
    assert second.display_name == "", "a charge after the withdrawal shows the name"
    assert second.amount == Decimal("5.000")


def test_a_plan_without_the_box_shows_no_name(
    client, initiative, django_capture_on_commit_callbacks
):
    fields = {
        "preset": "5.000",
        "frequency": "daily",
        "donor_phone": "91234567",
        "donor_name": "Salim",
        "gift_language": "ar",
        "plan_step": "confirm",
    }
    assert client.post(f"/give/{initiative.public_code}/", fields).status_code == 302
    with scopes_disabled():
        plan = RecurringPlan.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        recurring_charge_due(today=plan.next_charge_on)
    with scopes_disabled():
        gift = Donation.objects.get(donor_phone=PHONE)
    assert gift.donor_name == "Salim" and gift.display_name == ""
    assert not Consent.objects.exists()


def test_an_adult_sign_up_records_the_volunteering_consent_once():
    person = volunteer()
    subject = Consent.objects.filter(user=person, purpose__code=Purpose.VOLUNTEERING)
    with translation.override("en"):
        first = volunteering.shift_apply(shift=ShiftFactory(), volunteer=person)
    consent = subject.get()
    text = ConsentText.objects.get(purpose__code=Purpose.VOLUNTEERING, version=1)
    assert consent.method == Consent.Method.WEB and not consent.is_minor
    assert consent.language == "en" and consent.text_shown == text.body_en
    assert consent.evidence == f"sign-up form, sign-up {first.pk}"
    later = ShiftFactory(starts_at=timezone.now() + dt.timedelta(days=6))
    volunteering.shift_apply(shift=later, volunteer=person)
    assert subject.count() == 1, "the same consent is not recorded again"
    # Withdrawn, then signing up again is a new consent.
    consent_withdraw(subject=DataSubject.of_user(person), purpose=Purpose.VOLUNTEERING)
    third = ShiftFactory(starts_at=timezone.now() + dt.timedelta(days=9))
    volunteering.shift_apply(shift=third, volunteer=person)
    assert subject.filter(withdrawn_at__isnull=True).count() == 1 and subject.count() == 2


def test_a_minor_sign_up_waits_for_the_guardian_s_consent():
    person = minor()
    volunteering.shift_apply(
        shift=ShiftFactory(), volunteer=person, guardian_name="سالم بن علي", guardian_phone=PHONE
    )
    assert not Consent.objects.filter(user=person).exists()  # given by the guardian's link


def test_the_sign_up_page_shows_the_text_agreed_to(client):
    person = volunteer()
    shift = ShiftFactory()
    client.force_login(person)
    html = client.get(f"/volunteer/shifts/{shift.pk}/apply/").content.decode()
    text = ConsentText.objects.get(purpose__code=Purpose.VOLUNTEERING, version=1)
    assert 'id="volunteering-consent"' in html and text.body_ar in html


def test_a_rights_request_is_due_within_the_configured_days():
    now = timezone.now()
    asked = rights_request_open(subject=DataSubject(phone=PHONE), kind="access")
    assert asked.due_at - asked.received_at == dt.timedelta(days=45)
    assert asked.received_at >= now
    with override_settings(JOUD_RIGHTS_ANSWER_DAYS=30):
        sooner = rights_request_open(subject=DataSubject(phone=PHONE), kind="access")
    assert sooner.due_at - sooner.received_at == dt.timedelta(days=30)


def test_a_period_longer_than_the_regulation_s_is_refused():
    assert period_problems({"JOUD_RIGHTS_ANSWER_DAYS": 45, "JOUD_BREACH_AUTHORITY_HOURS": 72}) == []
    problems = period_problems({"JOUD_RIGHTS_ANSWER_DAYS": 60, "JOUD_BREACH_AUTHORITY_HOURS": 0})
    assert len(problems) == 2 and "45" in problems[0] and "72" in problems[1]
    with override_settings(JOUD_RIGHTS_ANSWER_DAYS=90):
        errors = [e for e in checks.run_checks(tags=["privacy"]) if e.id == "joud.privacy.E002"]
    assert len(errors) == 1 and "90" in errors[0].msg
    refused = unsafe_production_settings(
        {"JOUD_RIGHTS_ANSWER_DAYS": 46}, demo_secret="", demo_field_key=""
    )
    assert any("JOUD_RIGHTS_ANSWER_DAYS is 46" in p for p in refused)


def test_a_name_shown_on_an_earlier_gift_is_not_shown_by_a_plan_without_the_box(
    client, initiative, django_capture_on_commit_callbacks
):
    _give(client, initiative, donor_name="Salim", show_name="on")  # a one-off gift, named
    assert _consents(Purpose.PUBLIC_NAME).count() == 1
    fields = {
        "preset": "5.000",
        "frequency": "daily",
        "donor_phone": "91234567",
        "donor_name": "Salim",
        "gift_language": "ar",
        "plan_step": "confirm",
    }
    assert client.post(f"/give/{initiative.public_code}/", fields).status_code == 302
    with scopes_disabled():
        plan = RecurringPlan.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        recurring_charge_due(today=plan.next_charge_on)
    with scopes_disabled():
        charged = plan.charges.get().donation
    assert charged.display_name == "", "the plan's own box was not ticked"
