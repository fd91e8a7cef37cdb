from __future__ import annotations

from decimal import Decimal

import pytest

from joud.donations.zakat import zakat_calculate
from tests.donations.factories import make_donation, pay


def test_zakat_is_due_only_from_the_nisab(settings):
    settings.JOUD_GOLD_PRICE_PER_GRAM = "30.000"  # nisab = 85 g × 30 = 2,550 OMR
    settings.JOUD_SILVER_PRICE_PER_GRAM = "0.400"  # nisab = 595 g × 0.4 = 238 OMR
    below = zakat_calculate(cash=Decimal("2000"))
    assert below.nisab == Decimal("2550.000") and below.due == Decimal("0.000")
    assert not below.reaches_nisab
    result = zakat_calculate(
        cash=Decimal("3000"),
        gold_grams=Decimal("10"),
        silver_grams=Decimal("100"),
        trade_goods=Decimal("500"),
        receivables=Decimal("250"),
        debts=Decimal("750"),
    )
    assert result.wealth == Decimal("3340.000")
    assert result.due == Decimal("83.500")
    by_silver = zakat_calculate(cash=Decimal("2000"), nisab_basis="silver")
    assert by_silver.nisab == Decimal("238.000") and by_silver.due == Decimal("50.000")
    with pytest.raises(ValueError):
        zakat_calculate(cash=Decimal("-1"))


@pytest.mark.django_db
def test_the_calculator_posts_its_figures_and_shows_the_result_first(
    client, organization, settings
):
    settings.JOUD_GOLD_PRICE_PER_GRAM = "30.000"
    client.cookies["joud_language"] = "en"
    response = client.post("/give/zakat/calculator/", {"cash": "٤٠٤٠", "nisab_basis": "gold"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('data-figure="due"') < html.index("zakat-form")
    assert 'data-figure="due"><bdi class="money">OMR\xa0101</bdi>' in html
    # The giving link carries no figure: the amount waits in the session.
    link = f"/give/org/{organization.slug}/zakat/?calculated"
    assert f'href="{link}"' in html and "amount=" not in html and "4000" not in html
    give = client.get(link).content.decode()
    assert 'name="custom_amount" value="101.000"' in give
    assert (
        'value="101.000"'
        not in client.get(f"/give/org/{organization.slug}/zakat/").content.decode()
    )
    bad = client.post("/give/zakat/calculator/", {"cash": "abc"})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    assert 'data-figure="due"' not in bad.content.decode()


@pytest.mark.django_db
def test_the_calculator_takes_nothing_from_the_address(client, organization):
    html = client.get("/give/zakat/calculator/", {"cash": "4000"}).content.decode()
    assert 'data-figure="due"' not in html and 'value="4000"' not in html
    below = client.post("/give/zakat/calculator/", {"cash": "10", "nisab_basis": "gold"})
    assert 'data-figure="due"' not in below.content.decode()
    assert "?calculated" not in below.content.decode()


@pytest.mark.django_db
def test_the_old_donor_space_address_leads_to_the_new_one(client, donor, initiative):
    client.force_login(donor)
    donation, attempt = make_donation(initiative=initiative, amount="12.500", donor=donor)
    pay(attempt)
    response = client.get("/give/mine/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/me/", 301)]
    assert "12.500" in html and f"/receipts/donation/{donation.reference}/pdf/" in html
    assert client.get(f"/receipts/donation/{donation.reference}/pdf/").status_code == 200
