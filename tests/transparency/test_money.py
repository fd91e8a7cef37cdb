"""Every amount in the open data equals the ledger's own figures, on constructed data: the
initiative's public money page, the 360Giving grant, the organization and the national totals."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from joud.core.money import format_money
from joud.core.tenancy import scopes_disabled
from joud.disbursements import services
from joud.ledger import selectors as ledger
from joud.ledger.models import Account
from joud.transparency.services import opendata_publish
from tests.disbursements.factories import finance_team, funded_initiative, posted
from tests.transparency.published import load_json, read_all
from tests.transparency.world import build_world


@pytest.fixture
def published(db):
    world = build_world()
    release = opendata_publish()
    return world, read_all(release)


def _csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _by(rows, key, value):
    (row,) = [r for r in rows if r[key] == value]
    return row


def test_initiative_figures_are_the_ledgers_and_the_hand_computed_ones(published):
    world, files = published
    rows = load_json(files["initiatives.json"])
    big = _by(rows, "code", world.big.public_code)
    account_id = ledger.initiative_account_id(world.big)
    flows = ledger.account_flows(account_id)
    raised, _ = ledger.account_raised(account_id)
    # Six gifts of 10.000, one refunded by 4.000, 20.000 paid out for orphans.
    assert (big["given"], big["refunded"], big["raised"], big["spent"]) == (
        "60.000",
        "4.000",
        "56.000",
        "20.000",
    )
    assert Decimal(big["raised"]) == raised
    assert Decimal(big["given"]) == flows["gross"]
    assert Decimal(big["refunded"]) == flows["refunds"]
    assert Decimal(big["admin_share"]) == flows["admin_share"]
    assert Decimal(big["gateway_fees"]) == flows["gateway_fee"]
    assert Decimal(big["spent"]) == flows["disbursed"]
    assert Decimal(big["held"]) == flows["balance"]
    small = _by(rows, "code", world.small.public_code)
    assert small["raised"] == "21.750"  # three gifts of 7.250
    # The CSV holds the same digits.
    csv_big = _by(_csv(files["initiatives.csv"]), "code", world.big.public_code)
    assert {k: csv_big[k] for k in ("given", "raised", "held")} == {
        k: big[k] for k in ("given", "raised", "held")
    }


def test_the_public_money_page_shows_the_same_figures(client, published):
    world, files = published
    big = _by(load_json(files["initiatives.json"]), "code", world.big.public_code)
    page = client.get(f"/ledger/initiative/{world.big.public_code}/?lang=en").content.decode()
    for key in ("given", "refunded", "admin_share", "spent", "held"):
        assert format_money(Decimal(big[key]), language="en") in page, key


def test_grants_award_what_the_ledger_raised(published):
    world, files = published
    grants = load_json(files["grants.json"])["grants"]
    grant = _by(grants, "id", f"360G-joud-{world.big.public_code}")
    assert grant["amountAwarded"] == Decimal("56.000")
    assert grant["amountAwarded"] == ledger.initiative_raised(world.big)
    assert grant["joud"]["spent"] == "20.000"
    csv_grant = _by(_csv(files["grants.csv"]), "Identifier", grant["id"])
    assert csv_grant["Amount Awarded"] == "56.000"


def test_organization_and_national_totals_sum_every_fund(published):
    world, files = published
    with scopes_disabled():
        funds = Account.objects.filter(kind__in=("initiative", "case", "general", "zakat"))
        raised = sum((ledger.account_raised(a.pk)[0] for a in funds), Decimal(0))
        held = sum((ledger.account_flows(a.pk)["balance"] for a in funds), Decimal(0))
    national = _by(load_json(files["totals.json"]), "scope", "national")
    assert Decimal(national["raised"]) == raised == Decimal("77.750")
    assert Decimal(national["held"]) == held
    org = _by(load_json(files["organizations.json"]), "slug", world.org.slug)
    assert org["raised"] == national["raised"]  # the only organization
    muscat = _by(load_json(files["totals.json"]), "code", "OM-MA")
    assert muscat["raised"] == national["raised"]


def test_disbursements_are_the_ledgers_posted_payments(published):
    world, files = published
    (line,) = load_json(files["disbursements.json"])
    assert line["amount"] == "20.000"
    assert line["purpose"] == "orphans"
    assert line["initiative_code"] == world.big.public_code
    assert line["fund_kind"] == "initiative"
    assert line["organization_id"] == f"360G-joud-org-{world.org.slug}"
    total = sum(Decimal(r["spent"]) for r in load_json(files["initiatives.json"]))
    assert total == Decimal(line["amount"])


def test_approved_requests_give_their_payee_kind_and_bounced_ones_leave_the_file(db):
    """A payment approved through ``joud.disbursements`` carries its payee's kind (never the
    payee); one the bank returned is left out with its reversal, as the fund got it back."""

    initiative = funded_initiative("100.000")
    requester, approver = finance_team(initiative.organization)
    kept = posted(initiative, requester, approver, amount=Decimal("12.500"), evidence=False)
    returned = posted(initiative, requester, approver, amount=Decimal("7.000"), evidence=False)
    services.disbursement_mark_paid(disbursement=returned, actor=requester)
    services.disbursement_bounce(disbursement=returned, actor=requester, reason="IBAN closed")
    files = read_all(opendata_publish())
    (line,) = load_json(files["disbursements.json"])
    assert line["amount"] == "12.500" and line["payee_kind"] == "supplier"
    assert "النور" not in files["disbursements.json"].decode()
    assert kept.payee_name not in files["disbursements.csv"].decode("utf-8-sig")
