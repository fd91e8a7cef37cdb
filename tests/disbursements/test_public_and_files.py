"""The public money page lists each booked payment with its public evidence, never a private
file, a payee's name or a case's name; the bank transfer file is one safe line per payment."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from joud.beneficiaries import services as case_services
from joud.campaigns.models import Initiative
from joud.core.models import AuditLogEntry
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.disbursements import services
from joud.disbursements.bankfile import HEADERS, bank_file_csv
from joud.disbursements.models import Evidence
from joud.disbursements.selectors import public_disbursements
from joud.ledger import accounts
from joud.ledger.selectors import account_flows
from joud.organizations.models import Organization
from tests.beneficiaries.factories import make_case
from tests.disbursements.factories import ask, finance_team, funded_initiative, posted
from tests.factories import MembershipFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db

CASE_NAME = "هيثم بن سالم بن خميس الهنائي"


def _approved_case(org):
    worker = MembershipFactory(organization=org, role="caseworker").user
    with organization_scope(org):
        case = make_case(org, worker, full_name=CASE_NAME)
        case_services.assessment_record(
            case=case,
            actor=worker,
            category="living",
            answers={"income_verified": True, "income_below_threshold": True},
        )
        case_services.case_decide(case=case, actor=worker, outcome="approve", reason="مستحق")
    return case


@pytest.fixture
def booked():
    initiative = funded_initiative("200.000")
    requester, approver = finance_team(initiative.organization)
    supplier = posted(initiative, requester, approver, amount=Decimal("12.500"))
    case = _approved_case(initiative.organization)
    family = posted(
        initiative,
        requester,
        approver,
        evidence=False,
        amount=Decimal("30.000"),
        payee_kind="beneficiary",
        payee_name="حساب الأسرة الخاص",
        commercial_registration="",
        case=case,
    )
    draft = ask(
        initiative.organization,
        requester,
        source=accounts.initiative_account(initiative),
        amount=Decimal("7.000"),
    )
    return initiative, supplier, family, draft


def test_public_page_shows_the_lines_and_public_evidence_only(client, booked):
    initiative, supplier, family, draft = booked
    page = client.get(f"/ledger/initiative/{initiative.public_code}/?lang=en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Food for families in need" in html
    assert "OMR\u00a012.500" in html and "OMR\u00a030</bdi>" in html
    assert "A supplier" in html and "A verified beneficiary" in html
    with scopes_disabled():
        public = Evidence.objects.get(disbursement=supplier, is_public=True)
        private = Evidence.objects.get(disbursement=supplier, is_public=False)
    assert f"/disbursements/evidence/{public.pk}/" in html
    assert f"/disbursements/evidence/{private.pk}/" not in html
    # Nobody is named: not the family, not the account holder, not the supplier; no IBAN.
    for secret in (CASE_NAME, "حساب الأسرة الخاص", "مؤسسة النور", family.bank_account):
        assert secret not in html
    assert "OMR\u00a07.000" not in html  # a draft is not money out
    # The lines add up to what the ledger says was spent from the fund.
    lines = public_disbursements(initiative=initiative)
    fund = accounts.initiative_account(initiative)
    assert sum(line.amount for line in lines) == account_flows(fund.pk)["disbursed"]
    assert {(line.fund_kind, line.ledger_purpose) for line in lines} == {
        ("initiative", "poor_and_needy")
    }
    assert public_disbursements(organization=initiative.organization) == lines
    arabic = client.get(f"/ledger/initiative/{initiative.public_code}/?lang=ar").content.decode()
    assert "طعام للأسر المحتاجة" in arabic and CASE_NAME not in arabic


def test_public_evidence_downloads_and_private_evidence_does_not(client, booked):
    _initiative, supplier, _family, draft = booked
    with scopes_disabled():
        public = Evidence.objects.get(disbursement=supplier, is_public=True)
        private = Evidence.objects.get(disbursement=supplier, is_public=False)
    response = client.get(f"/disbursements/evidence/{public.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert client.get(f"/disbursements/evidence/{private.pk}/").status_code == 404
    # A public file of a payment not yet approved is not public either.
    from tests.campaigns.factories import pdf_file

    early = services.evidence_add(
        disbursement=draft,
        actor=draft.requested_by,
        kind="invoice",
        file=pdf_file(),
        is_public=True,
    )
    assert client.get(f"/disbursements/evidence/{early.pk}/").status_code == 404
    # Stored encrypted: the bytes at rest are not the PDF.
    with scopes_disabled():
        stored = Evidence.objects.get(pk=public.pk).file.open("rb").read()
    assert not stored.startswith(b"%PDF-")


def test_public_evidence_is_not_found_once_its_initiative_or_organization_is_not_public(
    client, booked
):
    initiative, supplier, _family, _draft = booked
    with scopes_disabled():
        public = Evidence.objects.get(disbursement=supplier, is_public=True)
    url = f"/disbursements/evidence/{public.pk}/"
    assert client.get(url).status_code == 200
    with scopes_disabled():
        Initiative.objects.filter(pk=initiative.pk).update(state="rejected")
    assert client.get(url).status_code == 404
    with scopes_disabled():
        Initiative.objects.filter(pk=initiative.pk).update(state="live")
    Organization.objects.filter(pk=initiative.organization_id).update(status="pending")
    assert client.get(url).status_code == 404


def test_bank_file_has_one_safe_line_per_approved_payment(client, booked):
    initiative, supplier, family, _draft = booked
    org = initiative.organization
    requester = supplier.requested_by
    nasty = posted(
        initiative,
        requester,
        supplier.approved_by,
        evidence=False,
        amount=Decimal("1.5"),
        payee_name='=HYPERLINK("http://x")',
    )
    services.disbursement_mark_paid(disbursement=family, actor=requester)  # paid: not listed
    login_with_totp(client, requester)
    response = client.get("/disbursements/org/bank-file.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == HEADERS
    by_ref = {row[5]: row for row in rows[1:]}
    assert set(by_ref) == {supplier.reference, nasty.reference}
    assert by_ref[supplier.reference][3] == "12.500"
    assert by_ref[nasty.reference][3] == "1.500"
    assert by_ref[nasty.reference][1] == '\'=HYPERLINK("http://x")'
    assert by_ref[supplier.reference][2] == supplier.bank_account
    assert by_ref[supplier.reference][0] == supplier.planned_on.isoformat()
    assert org.slug in response["Content-Disposition"]
    exported = AuditLogEntry.objects.get(action="joud.disbursement.bank_file_exported")
    assert exported.actor == requester and exported.organization == org


def test_bank_file_cells_are_safe():
    class Item:
        planned_on = __import__("datetime").date(2026, 3, 1)
        payee_name = "@SUM(A1)"
        bank_account = "+OM600180000012345678901"
        amount = Decimal("1000")
        reference = "-DSB"

    row = next(csv.reader(io.StringIO(bank_file_csv([Item()]).splitlines()[1])))
    assert row == [
        "2026-03-01",
        "'@SUM(A1)",
        "'+OM600180000012345678901",
        "1000.000",
        "OMR",
        "'-DSB",
    ]
