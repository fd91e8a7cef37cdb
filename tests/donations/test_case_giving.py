"""Giving to a verified case: the case-restricted fund, exactly-once funds, closing when funded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from joud.beneficiaries import services as case_services
from joud.beneficiaries.models import PublicCase
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.donations.models import Donation
from joud.donations.services import donation_case_funds_add
from joud.ledger.models import Account, Entry
from joud.ledger.verify import ledger_verify
from tests.beneficiaries.factories import make_case
from tests.donations.factories import apply_accepted, deliver, event_body, make_donation
from tests.factories import MembershipFactory, OrganizationFactory
from tests.fixtures.environment import ensure_geo


@pytest.fixture
def public_case(db):
    ensure_geo()
    org = OrganizationFactory()
    worker = MembershipFactory(organization=org, role="caseworker").user
    with organization_scope(org):
        case = make_case(org, worker)
        case_services.assessment_record(
            case=case,
            actor=worker,
            category="living",
            answers={"income_verified": True, "income_below_threshold": True},
        )
        case_services.case_decide(case=case, actor=worker, outcome="approve", reason="مستحق")
        return case_services.public_case_publish(
            case=case,
            actor=worker,
            title_ar="علاج طبيعي لطفل",
            story_ar="طفل يحتاج إلى جلسات علاج طبيعي لمدة ستة أشهر بعد حادث سير.",
            amount_needed="30",
        )


def _case(pc) -> PublicCase:
    with scopes_disabled():
        return PublicCase.objects.get(pk=pc.pk)


def give(pc, amount):
    return make_donation(organization=pc.organization, target="case", public_case=pc, amount=amount)


@pytest.mark.django_db
def test_gift_goes_to_the_case_restricted_fund(engine, public_case):
    donation, attempt = give(public_case, "10.000")
    assert donation.public_case_id == public_case.pk
    fund = donation.fund_account
    assert fund.kind == Account.Kind.CASE and fund.restriction == Account.Restriction.CASE
    assert fund.organization_id == public_case.organization_id
    deliver(event_body(attempt, fee="0"))
    assert Entry.objects.get(account=fund, kind="gross").credit == Decimal("10.000")
    assert ledger_verify().ok


@pytest.mark.django_db
def test_webhook_delivered_three_times_adds_the_amount_once(engine, public_case):
    donation, attempt = give(public_case, "10.000")
    body = event_body(attempt)
    statuses = [deliver(body)[1]["status"] for _ in range(3)]
    assert statuses == ["confirm", "duplicate", "duplicate"]
    # a different event saying the same thing, and a direct second call, add nothing either
    assert deliver(event_body(attempt))[1]["status"] == "noop"
    assert donation_case_funds_add(donation_id=donation.pk) is False
    pc = _case(public_case)
    assert pc.amount_raised == Decimal("10.000")
    assert pc.status == PublicCase.Status.PUBLISHED
    assert AuditLogEntry.objects.filter(action="joud.case.funds_added").count() == 1


@pytest.mark.django_db
def test_case_closes_when_funded_and_then_refuses_gifts(engine, public_case, client):
    first, a1 = give(public_case, "20.000")
    second, a2 = give(public_case, "10.000")
    deliver(event_body(a1))
    deliver(event_body(a2))
    pc = _case(public_case)
    assert pc.amount_raised == Decimal("30.000") and pc.status == PublicCase.Status.FUNDED
    with pytest.raises(BusinessError):
        give(pc, "5.000")
    url = reverse("donations:give_case", kwargs={"code": pc.code})
    client.cookies["joud_language"] = "en"
    page = client.get(url).content.decode()
    assert "fully funded or closed" in page and 'name="custom_amount"' not in page
    response = client.post(url, {"custom_amount": "5"})
    assert response.status_code == 409
    assert "fully funded or closed" in response.content.decode()
    client.cookies["joud_language"] = "ar"
    assert "اكتمل" in client.get(url).content.decode()
    with scopes_disabled():
        assert Donation.objects.filter(public_case=pc).count() == 2


@pytest.mark.django_db
def test_payment_after_the_case_closed_is_kept_and_logged(engine, public_case):
    late, attempt = give(public_case, "5.000")
    filler, a2 = give(public_case, "30.000")
    deliver(event_body(a2))
    assert deliver(event_body(attempt))[1]["status"] == "confirm"  # never a failed webhook
    pc = _case(public_case)
    assert pc.amount_raised == Decimal("30.000")
    assert AuditLogEntry.objects.filter(action="joud.donation.case_closed_before_payment").exists()


@pytest.mark.django_db
def test_give_page_caps_presets_at_what_is_still_needed(public_case, client):
    url = reverse("donations:give_case", kwargs={"code": public_case.code})
    client.cookies["joud_language"] = "en"
    html = client.get(url).content.decode()
    assert 'value="25.000"' in html and 'value="30.000"' in html
    assert 'value="50.000"' not in html and 'value="100.000"' not in html
    assert 'name="frequency"' not in html  # a case is funded once, not on a schedule
    response = client.post(url, {"preset": "30.000", "donor_name": "Salim", "gift_language": "en"})
    assert response.status_code == 302
    with scopes_disabled():
        donation = Donation.objects.get(public_case=public_case)
    assert donation.target == "case" and donation.amount == Decimal("30.000")


@pytest.mark.django_db
def test_journey_through_the_sandbox_with_duplicates_funds_the_case_once(public_case, client):
    url = reverse("donations:give_case", kwargs={"code": public_case.code})
    response = client.post(url, {"custom_amount": "12", "gift_language": "ar"})
    assert response.status_code == 302
    with scopes_disabled():
        donation = Donation.objects.get(public_case=public_case)
    thanks = client.post(
        response["Location"], {"outcome": "succeeded", "duplicates": 3, "delay": 0}
    )
    assert thanks["Location"] == f"/give/thanks/{donation.reference}/"
    apply_accepted()
    html = client.get(thanks["Location"]).content.decode()
    assert "receipts/donation/" in html
    pdf = client.get(f"/receipts/donation/{donation.reference}/pdf/?t={donation.access_token}")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert _case(public_case).amount_raised == Decimal("12.000")
