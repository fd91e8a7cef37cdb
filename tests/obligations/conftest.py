"""The obligations' world: Oman's announced Ramadan and Shawwal 1447 (a 29-day Ramadan, a day
after Umm al-Qura), the ministry's rates, a fitr programme, and a clock set inside the window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from joud.core.hijri import forget_month_starts, use_month_starts
from joud.core.tenancy import scopes_disabled
from joud.donations.models import PaymentAttempt
from joud.donations.services import payment_attempt_start
from joud.obligations import rules
from joud.obligations.models import FitrRate, MealPrice
from joud.obligations.services import fitr_gift_create, fitr_programme_open
from tests.donations.factories import pay
from tests.factories import MembershipFactory, OrganizationFactory

MUSCAT = rules.MUSCAT
# Oman: 1 Ramadan 1447 = Thursday 19 February 2026 (Umm al-Qura: 18 February); 1 Shawwal 1447
# = Friday 20 March 2026, a 29-day Ramadan. 1446 for last year's gifts: 1 Ramadan = 1 March 2025.
OMAN_1447 = {
    (1446, 9): dt.date(2025, 3, 1),
    (1446, 10): dt.date(2025, 3, 30),
    (1447, 9): dt.date(2026, 2, 19),
    (1447, 10): dt.date(2026, 3, 20),
}
IN_RAMADAN_1447 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=MUSCAT)
IN_RAMADAN_1446 = dt.datetime(2025, 3, 10, 12, 0, tzinfo=MUSCAT)


@pytest.fixture(autouse=True)
def oman_calendar():
    use_month_starts(OMAN_1447)
    yield OMAN_1447
    forget_month_starts()


@pytest.fixture
def clock(monkeypatch):
    """Set the obligations' clock: ``clock(moment)``."""

    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(rules, "current_moment", lambda: moment)

    set_to(IN_RAMADAN_1447)
    return set_to


@pytest.fixture
def english(client):
    client.cookies["joud_language"] = "en"
    return client


@pytest.fixture
def rates(db):
    FitrRate.objects.create(
        hijri_year=1447,
        amount=Decimal("2.500"),
        in_kind_ar="٢٫٥ كغ من الأرز",
        in_kind_en="2.5 kg of rice",
    )
    FitrRate.objects.create(hijri_year=1446, amount=Decimal("2.000"), in_kind_ar="٢٫٥ كغ من الأرز")
    MealPrice.objects.create(hijri_year=1447, amount=Decimal("0.750"))


@pytest.fixture
def programme(db, rates):
    association = OrganizationFactory(name_ar="جمعية الخير", name_en="Al-Khair Association")
    admin = MembershipFactory(organization=association, role="admin").user
    with scopes_disabled():
        return fitr_programme_open(organization=association, actor=admin)


def paid_fitr(programme, persons: int, *, now=IN_RAMADAN_1447, **donor):
    donor.setdefault("donor_phone", "+96891234567")
    with scopes_disabled():
        gift = fitr_gift_create(programme=programme, persons=persons, now=now, **donor)
        attempt, _url = payment_attempt_start(donation=gift.donation, return_url="/")
        pay(PaymentAttempt.unscoped.get(pk=attempt.pk))
        gift.donation.refresh_from_db()
    return gift
