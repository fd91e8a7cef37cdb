"""Issue 18 joined up: donors find zakat al-fitr and kaffarah from the home page and the footer,
the ministry reaches its rates from its console (and no one else sees the link), the open data
page leads to the debt-relief figures, organization money pages show the fitr fund (equal to the
ledger), and the donor's gifts name what each fitr or kaffarah paid for."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from joud.core.money import format_money
from joud.core.tenancy import scopes_disabled
from joud.donations.models import PaymentAttempt
from joud.donations.services import payment_attempt_start
from joud.ledger.models import Account, Entry
from joud.obligations import selectors
from joud.obligations.services import expiation_gift_create, fitr_distribution_record
from joud.transparency import sources
from joud.transparency.public_money import statement
from tests.disbursements.factories import finance_team
from tests.donations.factories import pay
from tests.factories import InitiativeFactory
from tests.fixtures.signin import login_with_totp
from tests.obligations.conftest import paid_fitr

pytestmark = pytest.mark.django_db

FITR, KAFFARAH, RATES = "/fitr/", "/kaffarah/", "/ministry/obligations/"


def _page(client, path: str, lang: str) -> str:
    client.cookies["joud_language"] = lang
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _section(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


# --- finding the pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "heading", "fitr", "kaffarah"),
    [
        ("en", "Ways to give", "Zakat al-Fitr", "Kaffarah and fidya"),
        ("ar", "طرق العطاء", "زكاة الفطر", "الكفارات والفدية"),
    ],
)
def test_the_home_page_lists_fitr_and_kaffarah_among_the_ways_to_give(
    client, lang, heading, fitr, kaffarah
):
    html = _page(client, "/", lang)
    ways = _section(html, 'id="ways-to-give"')
    assert heading in ways
    assert f'href="{FITR}">{fitr}</a>' in ways
    assert f'href="{KAFFARAH}">{kaffarah}</a>' in ways
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert f'href="{FITR}"' in footer and f'href="{KAFFARAH}"' in footer
    assert f'href="{reverse("disbursements:debt_relief")}"' in footer


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Debt relief: debts paid to creditors and courts"),
        ("ar", "سداد الديون: ما دُفع للدائنين والمحاكم"),
    ],
)
def test_the_open_data_page_leads_to_the_debt_relief_figures(client, lang, label):
    html = _page(client, "/open-data/", lang)
    figures = _section(html, 'aria-labelledby="figures-h"')
    debt_relief = reverse("disbursements:debt_relief")
    assert re.search(rf'href="{re.escape(debt_relief)}">{label}', figures)
    assert _page(client, debt_relief, lang)  # the page it leads to opens


def test_the_ministry_console_links_the_rates_and_no_one_else_sees_the_link(
    client, reviewer, donor
):
    login_with_totp(client, reviewer)
    assert f'href="{RATES}"' in _page(client, "/ministry/", "en")
    assert "زكاة الفطر وأسعار الوجبات" in _page(client, "/ministry/", "ar")
    assert _page(client, RATES, "en")
    client.logout()
    client.force_login(donor)
    client.cookies["joud_language"] = "en"
    assert client.get("/ministry/").status_code == 403
    for path in ("/", "/me/", FITR):
        assert RATES not in client.get(path).content.decode(), path


# --- the fitr fund on public money pages -------------------------------------------------------


def test_the_organization_money_page_shows_fitr_received_and_distributed_as_the_ledger(
    programme, client
):
    paid_fitr(programme, 6)
    paid_fitr(programme, 2)
    requester, _approver = finance_team(programme.organization)
    with scopes_disabled():
        fitr_distribution_record(
            programme=programme, actor=requester, families=2, persons=7, amount=Decimal("12.5")
        )
    fund = programme.account
    credits = Entry.objects.filter(account=fund, kind=Entry.Kind.GROSS)
    received = sum(e.credit - e.debit for e in credits)
    assert received == Decimal("20.000")  # 8 persons x 2.500
    figures = selectors.fitr_figures(programme)
    item = statement(organization=programme.organization)
    assert item.fitr.received == figures.received == received
    assert item.fitr.spent == figures.distributed == Decimal("12.500")
    assert item.fitr.balance == figures.held

    slug = programme.organization.slug
    for lang in ("en", "ar"):
        html = _page(client, f"/ledger/organization/{slug}/", lang)
        for key, amount in (
            ("fitr_received", received),
            ("fitr_distributed", Decimal("12.500")),
            ("fitr_held", figures.held),
        ):
            shown = re.search(rf'data-figure="{key}">(.*?)</td>', html).group(1)
            assert format_money(amount, language=lang) in shown, (key, shown)
    english = _page(client, f"/ledger/organization/{slug}/", "en")
    costs = re.search(r'data-figure="fitr_costs">(.*?)</td>', english).group(1)
    assert format_money(figures.fees, language="en") in costs  # received - costs - out = held
    assert figures.received - figures.fees - figures.distributed == figures.held
    assert f'href="/fitr/{slug}/"' in english  # the distributions, one by one
    assert "Nothing has been paid out yet" not in english  # the fitr distributed was paid out


def test_an_organization_without_a_fitr_fund_has_no_fitr_section(client):
    item = InitiativeFactory()
    org = item.organization
    assert not Account.objects.filter(organization=org, kind=Account.Kind.FITR).exists()
    assert statement(organization=org).fitr is None
    assert 'data-figure="fitr_received"' not in _page(
        client, f"/ledger/organization/{org.slug}/", "en"
    )


def test_open_data_counts_the_fitr_fund_in_the_organizations_money(programme):
    paid_fitr(programme, 4)
    requester, _approver = finance_team(programme.organization)
    with scopes_disabled():
        fitr_distribution_record(
            programme=programme, actor=requester, families=1, persons=4, amount=Decimal("6")
        )
    money = sources.ledger_figures().by_organization[programme.organization_id]
    assert money.gross == Decimal("10.000") and money.disbursed == Decimal("6.000")
    lines = [line for line in sources.disbursement_lines() if line.fund_kind == "fitr"]
    assert [line.amount for line in lines] == [Decimal("6.000")]


# --- the donor's gifts ---------------------------------------------------------------------------


def _paid_expiation(initiative, donor, kind: str, count: int):
    with scopes_disabled():
        gift = expiation_gift_create(initiative=initiative, kind=kind, count=count, donor=donor)
        attempt, _url = payment_attempt_start(donation=gift.donation, return_url="/")
        pay(PaymentAttempt.unscoped.get(pk=attempt.pk))
    return gift


@pytest.mark.parametrize(
    ("lang", "fitr", "oath", "fidya", "category"),
    [
        (
            "en",
            "Zakat al-fitr for 6 people",
            "Kaffarah for 2 broken oaths",
            "Fidya for 1 missed fast day",
            "Zakat al-Fitr",
        ),
        ("ar", "زكاة الفطر عن ٦ أشخاص", "كفارة يمينين", "فدية يوم صيام فائت واحد", "زكاة الفطر"),
    ],
)
def test_the_donors_gifts_name_what_each_fitr_and_kaffarah_paid_for(
    programme, clock, client, donor, lang, fitr, oath, fidya, category
):
    gift = paid_fitr(programme, 6, donor=donor)
    meals = InitiativeFactory(category="school_meals", title_en="Meals", title_ar="وجبات")
    oath_gift = _paid_expiation(meals, donor, "oath", 2)
    fidya_gift = _paid_expiation(meals, donor, "fidya", 1)
    client.force_login(donor)
    html = _page(client, "/me/", lang)
    gifts = html[html.index('class="list-group donor-gifts"') :]

    def row(donation) -> str:
        start = gifts.index(f'data-reference="{donation.reference}"')
        return gifts[start : gifts.index("</li>", start)]

    assert fitr in row(gift.donation)
    assert programme.organization.name_en in row(gift.donation) or lang == "ar"
    assert oath in row(oath_gift.donation) and fidya in row(fidya_gift.donation)
    # One list: each gift once, no second list of obligations.
    assert gifts.count(f'data-reference="{gift.donation.reference}"') == 1
    # The chart of where the gifts went names zakat al-fitr, not "general funds".
    assert category in html[html.index('id="where-h"') : html.index('id="receipts-h"')]
