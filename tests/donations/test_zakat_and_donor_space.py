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
def test_calculator_page_links_to_the_zakat_fund_with_the_amount(client, organization, settings):
    settings.JOUD_GOLD_PRICE_PER_GRAM = "30.000"
    response = client.get("/give/zakat/calculator/", {"cash": "٤٠٠٠", "nisab_basis": "gold"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/give/org/{organization.slug}/zakat/?amount=100.000" in html
    give = client.get(f"/give/org/{organization.slug}/zakat/?amount=100.000").content.decode()
    assert 'value="100.000"' in give
    bad = client.get("/give/zakat/calculator/", {"cash": "abc"})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()


@pytest.mark.django_db
def test_donor_space_lists_gifts_and_this_hijri_year(client, donor, initiative):
    client.force_login(donor)
    donation, attempt = make_donation(initiative=initiative, amount="12.500", donor=donor)
    pay(attempt)
    html = client.get("/give/mine/?lang=en").content.decode()
    assert "12.500" in html and initiative.title_en in html
    assert f"/receipts/donation/{donation.reference}/pdf/" in html
    assert client.get(f"/receipts/donation/{donation.reference}/pdf/").status_code == 200
