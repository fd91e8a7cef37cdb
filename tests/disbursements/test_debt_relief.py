"""Debt relief: a debtor's case names the creditor or the court as the payee; a caseworker
verifies the court order or the creditor's statement; the money goes only to that payee through
a disbursement, never as cash to the person; the case closes with the verified discharge; the
public sees counts and amounts only."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.beneficiaries import services as cases
from joud.beneficiaries.models import Case, Debt
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.disbursements import selectors, services
from joud.disbursements.models import Disbursement
from joud.privacy.services.retention import retention_purge_all
from joud.receipts.verification import verify_any
from tests.beneficiaries.factories import make_case
from tests.campaigns.factories import pdf_file
from tests.disbursements.factories import ask, finance_team, funded_zakat
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

COURT_IBAN = "OM810180000001299123456"  # the court's execution account (a test number)
COURT = "دائرة التنفيذ بالمحكمة الابتدائية بنزوى"


@pytest.fixture
def world():
    org = OrganizationFactory(name_ar="جمعية تفريج")
    worker = MembershipFactory(organization=org, role="caseworker").user
    requester, approver = finance_team(org)
    zakat = funded_zakat(org, amount="900.000")
    with organization_scope(org):
        case = make_case(org, worker, category="debt")
        cases.assessment_record(
            case=case,
            actor=worker,
            category="debt",
            answers={"debt_documents": True, "debt_for_necessities": True},
        )
        cases.case_decide(case=case, actor=worker, outcome="approve", reason="مستحق")
        order = cases.document_add(
            case=case, actor=worker, kind="court_order", file=pdf_file("order.pdf")
        )
    return {
        "org": org,
        "worker": worker,
        "requester": requester,
        "approver": approver,
        "zakat": zakat,
        "case": case,
        "order": order,
    }


def _record(w, **overrides):
    data = {
        "case": w["case"],
        "actor": w["worker"],
        "payee": "court",
        "payee_name": COURT,
        "payee_account": COURT_IBAN,
        "amount_owed": "450.500",
        "court_reference": "2026/ت/1187",
        "held_for_debt": True,
    }
    data.update(overrides)
    with organization_scope(w["org"]):
        return cases.debt_record(**data)


def _pay_court(w, amount="450.500", **overrides):
    data = {
        "source": w["zakat"],
        "purpose": "debt_relief",
        "amount": Decimal(amount),
        "payee_kind": "creditor",
        "payee_name": COURT,
        "bank_account": COURT_IBAN,
        "case": w["case"],
        "commercial_registration": "",
    }
    data.update(overrides)
    return ask(w["org"], w["requester"], **data)


def _figure(page: str, name: str) -> str:
    shown = page.split(f'data-figure="{name}">', 1)[1].split("</p>", 1)[0]
    return re.sub(r"<[^>]+>", "", shown).replace("\xa0", " ").strip()


def _refused(code, call, *args, **kwargs):
    with pytest.raises(BusinessError) as refused:
        call(*args, **kwargs)
    assert refused.value.code == code, refused.value
    return refused.value


def test_a_debt_is_never_paid_as_cash_to_the_person(world):
    _record(world)
    with organization_scope(world["org"]):
        cases.document_verify(document=world["order"], actor=world["worker"])
    # To the person (a beneficiary payment) on a debt case: refused.
    _refused(
        "debt_cash_refused",
        ask,
        world["org"],
        world["requester"],
        source=world["zakat"],
        purpose="cash_aid",
        payee_kind="beneficiary",
        payee_name="هيثم الهنائي",
        case=world["case"],
    )
    # The debt relief purpose to anyone but a creditor or court: refused.
    _refused(
        "debt_cash_refused",
        ask,
        world["org"],
        world["requester"],
        source=world["zakat"],
        purpose="debt_relief",
    )
    # To a creditor without the debt relief case: refused.
    _refused("debt_case_needed", _pay_court, world, case=None)
    # To another account or another name than the recorded payee: refused.
    _refused("debt_payee_mismatch", _pay_court, world, bank_account="OM600180000012345678901")
    _refused("debt_payee_mismatch", _pay_court, world, payee_name="هيثم الهنائي")
    # More than the debt: refused, with what is left in the message.
    error = _refused("debt_overpaid", _pay_court, world, amount="450.501")
    assert "٤٥٠٫٥٠٠" in str(error.message)  # what is left, in the reader's (Arabic) digits
    with scopes_disabled():
        assert not Disbursement.objects.exists()


def test_no_payment_until_the_debt_is_recorded_and_its_proof_verified(world):
    _refused("debt_not_recorded", _pay_court, world)
    _record(world)
    _refused("debt_unproven", _pay_court, world)  # uploaded, not yet verified
    with organization_scope(world["org"]):
        cases.document_verify(document=world["order"], actor=world["worker"])
    item = _pay_court(world)
    assert (item.payee_kind, item.case_id, item.purpose) == (
        "creditor",
        world["case"].pk,
        "debt_relief",
    )


def test_paid_to_the_court_then_closed_on_the_verified_discharge(world, client):
    debt = _record(world)
    with organization_scope(world["org"]):
        cases.document_verify(document=world["order"], actor=world["worker"])
    first = _pay_court(world, amount="200.000")
    _pay_court(world, amount="250.500")  # the rest, in a second payment
    _refused("debt_overpaid", _pay_court, world, amount="0.001")
    with organization_scope(world["org"]):
        services.disbursement_submit(disbursement=first, actor=world["requester"])
        services.disbursement_approve(disbursement=first, actor=world["approver"])
        discharge = cases.document_add(
            case=world["case"], actor=world["worker"], kind="discharge", file=pdf_file("d.pdf")
        )
        # Not before the court has been paid.
        _refused(
            "debt_unpaid",
            services.debt_relief_discharge,
            debt=debt,
            actor=world["worker"],
            document=discharge,
        )
        services.disbursement_mark_paid(disbursement=first, actor=world["requester"])
        # Not on an unverified discharge, nor on the court order.
        _refused(
            "discharge_unverified",
            services.debt_relief_discharge,
            debt=debt,
            actor=world["worker"],
            document=discharge,
        )
        _refused(
            "no_discharge",
            services.debt_relief_discharge,
            debt=debt,
            actor=world["worker"],
            document=world["order"],
        )
        cases.document_verify(document=discharge, actor=world["worker"])
        _refused(  # a finance officer is not a caseworker
            "forbidden",
            services.debt_relief_discharge,
            debt=debt,
            actor=world["requester"],
            document=discharge,
        )
        services.debt_relief_discharge(debt=debt, actor=world["worker"], document=discharge)
        case = Case.objects.get(pk=world["case"].pk)
        assert case.status == Case.Status.CLOSED
        assert Debt.objects.get(pk=debt.pk).discharge_document == discharge
        # A discharged debt takes no more payments, even one already asked for.
        _refused("discharged", _pay_court, world, amount="1.000")
    assert AuditLogEntry.objects.filter(action="joud.case.debt_discharged").count() == 1
    assert AuditLogEntry.objects.filter(action="joud.case.document_verified").count() == 2

    figures = selectors.debt_relief_figures()
    assert (figures.cases_discharged, figures.released, figures.cases_open) == (1, 1, 0)
    assert figures.paid_total == Decimal("200.000") and figures.payments == 1
    assert selectors.debt_relief_figures(organization=OrganizationFactory()).payments == 0

    page = client.get("/disbursements/debt-relief/", {"lang": "en"}).content.decode()
    assert _figure(page, "discharged") == "1" and _figure(page, "released") == "1"
    assert _figure(page, "paid").startswith("OMR") and "200" in _figure(page, "paid")
    assert COURT not in page and "الهنائي" not in page and COURT_IBAN not in page
    found = verify_any(world["case"].reference)
    assert (found.kind, found.state) == ("case", "closed") and found.organization is None

    # Years later the retention rule removes the closed case's documents, the discharge among
    # them, and every other rule still runs (the discharge once made the whole job fail).
    with scopes_disabled():
        Case.objects.filter(pk=world["case"].pk).update(
            updated_at=timezone.now() - dt.timedelta(days=20 * 365)
        )
    runs = {run.rule: run for run in retention_purge_all()}
    assert runs["closed_cases"].deleted >= 2
    with scopes_disabled():
        kept = Debt.objects.get(pk=debt.pk)
    assert kept.discharge_document is None and kept.discharged_at is not None
    assert kept.court_reference == "" and kept.amount_owed > 0


def test_only_a_debt_case_records_a_debt_and_bad_input_is_refused(world):
    with organization_scope(world["org"]):
        living = make_case(world["org"], world["worker"], category="living")
    with pytest.raises(BusinessError):
        _record(world, case=living)
    for field, value in [
        ("amount_owed", "1e9"),
        ("amount_owed", "-5"),
        ("amount_owed", "0"),
        ("amount_owed", "9" * 40),
        ("payee_account", "OM00"),
        ("payee_name", "دائرة\x00"),
        ("payee", "cash"),
        ("court_reference", "x" * 41),
    ]:
        with pytest.raises(BusinessError) as refused:
            _record(world, **{field: value})
        assert str(refused.value.message), field
    debt = _record(world, amount_owed="٤٥٠٫٥")
    assert debt.amount_owed == Decimal("450.500")


def test_the_caseworker_records_verifies_and_closes_from_the_case_page(world, client):
    from tests.fixtures.signin import login_with_totp

    login_with_totp(client, world["worker"])
    reference = world["case"].reference
    page = client.get(f"/cases/{reference}/", {"lang": "en"}).content.decode()
    assert "Record who is owed before anything can be paid." in page
    bad = client.post(
        f"/cases/{reference}/debt/",
        {"payee": "court", "payee_name": COURT, "payee_account": "OM00", "amount_owed": "1e9"},
    )
    assert bad.status_code == 400
    saved = client.post(
        f"/cases/{reference}/debt/",
        {
            "payee": "court",
            "payee_name": COURT,
            "payee_account": COURT_IBAN,
            "amount_owed": "٤٥٠٫٥",
            "held_for_debt": "on",
        },
    )
    assert saved.status_code == 302
    order = world["order"]
    assert client.post(f"/cases/{reference}/documents/{order.pk}/verify/").status_code == 302
    with scopes_disabled():
        debt = Debt.objects.get(case=world["case"])
        order.refresh_from_db()
    assert debt.amount_owed == Decimal("450.500") and debt.held_for_debt
    assert order.verified_at is not None
    item = _pay_court(world)
    with organization_scope(world["org"]):
        services.disbursement_submit(disbursement=item, actor=world["requester"])
        services.disbursement_approve(disbursement=item, actor=world["approver"])
        services.disbursement_mark_paid(disbursement=item, actor=world["requester"])
        discharge = cases.document_add(
            case=world["case"], actor=world["worker"], kind="discharge", file=pdf_file("d.pdf")
        )
    url = f"/disbursements/debts/{reference}/discharge/{discharge.pk}/"
    client.post(url)  # not yet verified: refused with a message, the case stays open
    with scopes_disabled():
        assert Case.objects.get(pk=world["case"].pk).status == Case.Status.APPROVED
    client.post(f"/cases/{reference}/documents/{discharge.pk}/verify/")
    page = client.get(f"/cases/{reference}/", {"lang": "en"}).content.decode()
    assert "Close the case on this discharge" in page
    assert client.post(url).status_code == 302
    with scopes_disabled():
        assert Case.objects.get(pk=world["case"].pk).status == Case.Status.CLOSED
    page = client.get(f"/cases/{reference}/", {"lang": "ar"}).content.decode()
    assert "سُدِّد في" in page and "تسجيل الدين" not in page
