"""Kaffarah and fidya: meals x the ministry's meal price, paid only to feeding programmes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from joud.obligations.models import ExpiationGift, MealPrice
from joud.obligations.services import expiation_gift_create, meal_price_set
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meals(db, rates):
    return InitiativeFactory(
        category="school_meals", title_en="Meals for families", admin_share_percent=0
    )


def test_no_administration_share_is_taken_from_an_expiation(rates, clock):
    """The meals counted are the meals paid for: a feeding programme that declares a 2% share
    takes none of an expiation (15.000 paid, 15.000 for meals)."""
    declared = InitiativeFactory(category="school_meals", admin_share_percent=2)
    with scopes_disabled():
        gift = expiation_gift_create(
            initiative=declared, kind="oath", count=2, donor_phone="+96891234567"
        )
    assert gift.donation.amount == Decimal("15.000")
    assert gift.donation.admin_share_amount == Decimal("0.000")
    assert gift.donation.admin_share_percent == Decimal("0.00")


@pytest.mark.parametrize(
    ("kind", "count", "meals_fed", "amount"),
    [
        ("oath", 1, 10, "7.500"),
        ("oath", 3, 30, "22.500"),
        ("fidya", 1, 1, "0.750"),
        ("fidya", 30, 30, "22.500"),
    ],
)
def test_the_amount_is_meals_times_the_meal_price(meals, clock, kind, count, meals_fed, amount):
    with scopes_disabled():
        gift = expiation_gift_create(
            initiative=meals, kind=kind, count=count, donor_phone="+96891234567"
        )
    assert gift.meals == meals_fed and gift.meal_price == Decimal("0.750")
    assert gift.donation.amount == Decimal(amount) == meals_fed * gift.meal_price
    assert gift.donation.initiative_id == meals.pk
    assert gift.donation.fund_account_id == accounts.initiative_account(meals).pk


def test_only_a_feeding_programme_receives_an_expiation(rates, clock):
    orphans = InitiativeFactory(category="orphans")
    with scopes_disabled(), pytest.raises(BusinessError) as refused:
        expiation_gift_create(initiative=orphans, kind="oath", count=1, donor_phone="+96891234567")
    assert refused.value.code == "not_feeding"


@pytest.mark.parametrize("count", [0, -3, 1001, 10**30])
def test_counts_out_of_bounds_are_refused(meals, clock, count):
    with scopes_disabled(), pytest.raises(BusinessError):
        expiation_gift_create(initiative=meals, kind="fidya", count=count)


def test_the_ministry_sets_the_meal_price_with_the_audit_log(reviewer, donor):
    with pytest.raises(BusinessError):
        meal_price_set(actor=donor, hijri_year=1448, amount=Decimal("1"))
    meal_price_set(actor=reviewer, hijri_year=1448, amount=Decimal("0.800"))
    meal_price_set(actor=reviewer, hijri_year=1448, amount=Decimal("0.900"))
    assert MealPrice.objects.get(hijri_year=1448).amount == Decimal("0.900")
    trail = AuditLogEntry.objects.filter(action="joud.expiation.meal_price_set").order_by("id")
    assert [e.data["before"] for e in trail] == [None, "0.800"]


def test_the_page_shows_the_rule_and_computes_the_amount(meals, client, clock, english):
    page = client.get("/kaffarah/").content.decode()
    assert "feeding ten poor people for each oath broken" in page
    assert "one poor person for each day missed" in page
    preview = client.get("/kaffarah/amount/", {"kind": "oath", "count": "2"})
    assert "20 meals" in preview.content.decode() and "OMR\xa015" in preview.content.decode()
    response = client.post(
        "/kaffarah/",
        {
            "kind": "fidya",
            "count": "10",
            "initiative": str(meals.pk),
            "amount": "0.001",
            "donor_phone": "91234567",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        gift = ExpiationGift.objects.get()
    assert gift.donation.amount == Decimal("7.500")


@pytest.mark.parametrize("count", ["0", "9" * 31, "2e2", "3\x00", "-1", "1.5"])
def test_bad_input_gets_a_message_not_a_500(meals, client, clock, english, count):
    response = client.post(
        "/kaffarah/",
        {"kind": "oath", "count": count, "initiative": str(meals.pk), "donor_name": "x"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_count_errors"' in html  # a message under the field, in English
    if len(count) <= 12 and "\x00" not in count:
        assert "Enter a number from 1 to 1,000" in html
    nul_name = client.post(
        "/kaffarah/",
        {"kind": "oath", "count": "1", "initiative": str(meals.pk), "donor_name": "a\x00b"},
    )
    assert nul_name.status_code == 400
    with scopes_disabled():
        assert not ExpiationGift.objects.exists()


def test_the_ministry_screen(client, reviewer, donor):
    from tests.fixtures.signin import login_with_totp

    client.force_login(donor)
    assert client.get("/ministry/obligations/").status_code == 403
    login_with_totp(client, reviewer)
    response = client.post(
        "/ministry/obligations/",
        {
            "hijri_year": "1448",
            "fitr_amount": "2.5",
            "in_kind_ar": "٢٫٥ كغ أرز",
            "in_kind_en": "2.5 kg of rice",
            "meal_price": "0.750",
        },
    )
    assert response.status_code == 302
    client.cookies["joud_language"] = "en"
    page = client.get("/ministry/obligations/").content.decode()
    assert (
        "2.5 kg of rice" in page
        and AuditLogEntry.objects.filter(action="joud.fitr.rate_set").exists()
    )
    bad = client.post("/ministry/obligations/", {"hijri_year": "1448", "fitr_amount": "1e5"})
    assert bad.status_code == 400


def test_the_arabic_page_never_reads_a_doubled_full_stop_after_rials(meals, client, clock):
    html = client.get("/kaffarah/").content.decode()
    assert 'lang="ar"' in html and "٠٫٧٥٠\xa0ر.ع." in html
    assert "ر.ع.." not in html and "ر.ع.</bdi>." not in html
