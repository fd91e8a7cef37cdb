"""Public money in and out: every figure on the initiative's and the organization's pages, in
their CSV and in their JSON equals the ledger's own sums and the values computed by hand, on
constructed data: two gifts (one a month earlier), a partial refund, the sandbox gateway's fee
(1.5%), the 2% administration share, two payments out of which one bounced, a published report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.campaigns.models import FinalReport
from joud.core.money import format_money
from joud.core.tenancy import scopes_disabled
from joud.disbursements import services as disbursement_services
from joud.donations.services import donation_refund
from joud.ledger import accounts
from joud.ledger.models import Entry
from joud.ledger.selectors import account_balance, account_flows
from joud.transparency.public_money import statement
from tests.disbursements.factories import finance_team, posted
from tests.donations.factories import general_fund_holds, make_donation, pay

D = Decimal
# By hand. Gift A 100.000 (last month) and gift B 50.000 (this month): admin 2% = 2.000 + 1.000,
# gateway fee 1.5% = 1.500 + 0.750. B is refunded 20.000: its admin share gives back 0.400
# (2% of 20); the gateway keeps its fee, and the organization's general fund bears the refunded
# part's fee (1.5% of 20 = 0.300), so the initiative bears 2.250 − 0.300 = 1.950. Payments out:
# 30.000 (paid) and 12.250 (bounced: reversed by a new entry, so not spent).
# Held: 150 − 20 − (3.000 − 0.400) − 1.950 − 30 = 95.450.
GIVEN, REFUNDED, ADMIN, FEES, SPENT = D("150.000"), D("20.000"), D("2.600"), D("1.950"), D("30")
HELD = D("95.450")
FIGURES = {"given": GIVEN, "refunded": REFUNDED, "admin_share": ADMIN, "fees": FEES}
FIGURES |= {"spent": SPENT, "held": HELD}


@pytest.fixture
def world(initiative, monkeypatch):
    org = initiative.organization
    last_month = timezone.now() - dt.timedelta(days=40)
    with monkeypatch.context() as m:
        m.setattr(timezone, "now", lambda: last_month)
        _a, attempt = make_donation(initiative=initiative, amount="100.000")
        pay(attempt)
    gift_b, attempt = make_donation(initiative=initiative, amount="50.000")
    pay(attempt)
    general_fund_holds(org, "1.000")  # pays the refund's share of the gateway fee if asked
    donation_refund(donation=gift_b, amount=D("20.000"), reason="asked")
    requester, approver = finance_team(org)
    paid = posted(initiative, requester, approver, amount=D("30.000"))
    disbursement_services.disbursement_mark_paid(disbursement=paid, actor=requester)
    bounced = posted(initiative, requester, approver, amount=D("12.250"), evidence=False)
    disbursement_services.disbursement_mark_paid(disbursement=bounced, actor=requester)
    disbursement_services.disbursement_bounce(disbursement=bounced, actor=requester, reason="x")
    with scopes_disabled():
        FinalReport.objects.create(
            organization=org,
            initiative=initiative,
            narrative_ar="تم توزيع السلال",
            state=FinalReport.State.ACCEPTED,
            published_at=timezone.now(),
        )
    return initiative, paid, bounced, last_month


def _ledger(fund) -> dict:
    flows = account_flows(fund.pk)
    return {
        "given": flows["gross"],
        "refunded": flows["refunds"],
        "admin_share": flows["admin_share"],
        "fees": flows["gateway_fee"],
        "spent": flows["disbursed"],
        "held": account_balance(fund),
    }


def _cells(html: str) -> dict:
    found = re.findall(r'data-figure="(\w+)"><bdi class="money">(.*?)</bdi>', html)
    return {key: re.sub(r"<[^>]+>", "", text) for key, text in found}  # groups are wrapped


@pytest.mark.django_db
def test_the_statement_equals_the_ledger_and_the_hand_computed_values(world):
    initiative, paid, bounced, last_month = world
    fund = accounts.initiative_account(initiative)
    assert _ledger(fund) == FIGURES
    item = statement(initiative=initiative)
    t = item.totals
    assert (t.given, t.refunded, t.admin_share, t.fees, t.spent, t.balance) == (
        GIVEN,
        REFUNDED,
        ADMIN,
        FEES,
        SPENT,
        HELD,
    )
    assert t.transfers == t.from_general == t.owed == 0
    # The month rows add up to the totals; the old gift is in its own month.
    assert [m for m, _f in item.months] == sorted(
        {timezone.localdate(last_month).replace(day=1), timezone.localdate().replace(day=1)}
    )
    for attr in ("given", "refunded", "admin_share", "fees", "spent", "balance"):
        assert sum(getattr(f, attr) for _m, f in item.months) == getattr(t, attr), attr
    assert item.months[0][1].given == D("100.000")
    # One line: the bounced payment is not money out; the lines add up to what was spent.
    assert [line.reference for line in item.lines] == [paid.reference]
    assert sum(line.amount for line in item.lines) == SPENT
    assert bounced.reference not in {line.reference for line in item.lines}
    assert item.admin_cap == D("2.600")  # 2% of 130.000 given and kept
    assert [s.done for s in item.timeline] == [True, True, True, True]
    assert item.timeline[0].date == timezone.localdate(last_month)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_number_on_the_initiative_page(client, world, lang):
    initiative, paid, bounced, _ = world
    html = client.get(f"/ledger/initiative/{initiative.public_code}/?lang={lang}").content.decode()
    assert _cells(html) == {k: format_money(v, language=lang) for k, v in FIGURES.items()}
    assert format_money(D("2.600"), language=lang) in html  # the cap
    assert paid.reference in html and bounced.reference not in html
    # The chart's data island holds the same months as the table; no inline script runs.
    island = json.loads(
        re.search(
            r'<script id="money-chart-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert [s["values"] for s in island["series"]] == [["100.000", "50.000"], ["0.000", "30.000"]]
    assert island["rtl"] is (lang == "ar")
    assert re.findall(r"<script(?![^>]*(?:src=|application/json))", html) == []
    assert 'style="' not in html
    assert 'data-step="report" data-done="1"' in html
    if lang == "ar":  # one digit system: no Latin digit in the page's content
        main = re.search(r"(?s)<main\b.*?</main>", html).group(0)
        text = re.sub(r"(?s)<script.*?</script>|<[^>]+>", " ", main)
        for typed in (initiative.title, initiative.organization.name):  # names as typed
            text = text.replace(typed, "")
        assert not re.search(r"[0-9]", text), re.findall(r".{20}[0-9].{20}", text)[:3]
        assert not re.search(r"[·][\s\u200f]*<?[٠-٩]|[٠-٩][\s]*·", text)


@pytest.mark.django_db
def test_csv_and_json_hold_the_same_figures(client, world):
    initiative, paid, _bounced, _ = world
    base = f"/ledger/initiative/{initiative.public_code}/"
    response = client.get(base + "money.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    totals = {r["item"]: D(r["amount_omr"]) for r in rows if r["section"] == "total"}
    keys = {"fees": "gateway_fees"}
    for key, value in FIGURES.items():
        assert totals[keys.get(key, key)] == value, key
    payments = [r for r in rows if r["section"] == "payment"]
    assert [(D(r["amount_omr"]), r["payee_kind"]) for r in payments] == [(SPENT, "supplier")]
    assert "/disbursements/evidence/" in payments[0]["evidence"]
    months = [r for r in rows if r["section"] == "month" and r["item"] == "given"]
    assert sum(D(r["amount_omr"]) for r in months) == GIVEN

    data = client.get(base + "money.json").json()
    for key, value in FIGURES.items():
        assert D(data["totals"][keys.get(key, key)]) == value, key
    assert [p["reference"] for p in data["payments"]] == [paid.reference]
    assert data["payments"][0]["amount"] == "30.000"
    assert sum(D(m["spent"]) for m in data["months"]) == SPENT
    assert [s["step"] for s in data["timeline"] if s["done"]] == [
        "collected",
        "first_purchase",
        "delivered",
        "report",
    ]
    assert data["admin_share_cap"] == "2.600"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_organization_page_sums_all_its_funds(client, world, lang):
    initiative, paid, _bounced, _ = world
    org = initiative.organization
    profile = client.get(f"/organizations/{org.slug}/?lang={lang}").content.decode()
    assert f'href="/ledger/organization/{org.slug}/"' in profile
    html = client.get(f"/ledger/organization/{org.slug}/?lang={lang}").content.decode()
    # The organization's funds: the initiative's, its general fund (1.000 paid in, 0.300 of it
    # for the refund's fee), and the administration fund (the 2.600 kept, shown apart).
    general = accounts.general_account(org)
    admin = accounts.organization_account(org, "admin")
    held = HELD + account_balance(general) + account_balance(admin)
    assert (account_balance(general), account_balance(admin)) == (D("0.700"), ADMIN)
    assert held == D("98.750")
    expected = dict(FIGURES, held=held, fees=D("2.250"), moved_in=D("1.000"))
    assert _cells(html) == {k: format_money(v, language=lang) for k, v in expected.items()}
    assert format_money(ADMIN, language=lang) in html  # not yet used
    assert paid.reference in html
    data = client.get(f"/ledger/organization/{org.slug}/money.json").json()
    assert D(data["totals"]["held"]) == held
    assert D(data["admin_share_not_yet_used"]) == ADMIN
    ledger_sum = sum(
        (e.credit - e.debit)
        for e in Entry.objects.filter(account__organization=org).exclude(
            account__kind__in=["bank", "owed"]
        )
    )
    assert D(data["totals"]["held"]) == ledger_sum
    rows = client.get(f"/ledger/organization/{org.slug}/money.csv").content.decode("utf-8-sig")
    assert "total,,held,,," + f"{held:.3f}" in rows


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/ledger/initiative/NOPE99/money.csv",
        "/ledger/initiative/NOPE99/money.json",
        "/ledger/initiative/%3D1%2B1/money.json",
        "/ledger/organization/no-such-org/",
        "/ledger/organization/no-such-org/money.csv",
        "/ledger/organization/no-such-org/money.json",
    ],
)
def test_bad_codes_are_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_csv_cells_are_safe(client, initiative):
    """A title or label someone typed never runs as a formula in a spreadsheet."""
    from joud.core.spreadsheet import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    rows = client.get(f"/ledger/initiative/{initiative.public_code}/money.csv").content.decode()
    assert rows.splitlines()[0].lstrip("\ufeff").startswith("section,date,item")


@pytest.mark.django_db
def test_the_timeline_alone_for_the_initiatives_own_page(world):
    from django.template import Context, Template

    initiative = world[0]
    html = Template("{% load public_money %}{% money_timeline initiative %}").render(
        Context({"initiative": initiative})
    )
    assert html.count('data-done="1"') == 4


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_initiative_without_money_yet(client, initiative, lang):
    html = client.get(f"/ledger/initiative/{initiative.public_code}/?lang={lang}").content.decode()
    assert html.count('data-done="0"') == 4
    assert "money-chart-data" not in html  # no chart without months
    assert _cells(html)["held"] == format_money(D("0"), language=lang)
    data = client.get(f"/ledger/initiative/{initiative.public_code}/money.json").json()
    assert data["payments"] == [] and data["months"] == [] and data["totals"]["given"] == "0.000"
