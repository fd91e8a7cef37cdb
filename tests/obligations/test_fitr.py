"""Zakat al-fitr: persons x the ministry's rate (server-side), the window from Oman's 1 Ramadan
to the Eid prayer on 1 Shawwal, the fitr fund spent only on fitr distribution, a late record
flagged, and the public figures equal to the ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.test import override_settings

from joud.core.dates import to_hijri
from joud.core.errors import BusinessError
from joud.core.hijri import uq_month_start, use_month_starts
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.disbursements import services as disbursements
from joud.ledger import accounts
from joud.ledger.models import Entry
from joud.ledger.selectors import account_balance
from joud.ledger.services import ledger_disburse, ledger_transfer
from joud.ledger.services.spending import Purpose
from joud.obligations import rules, selectors
from joud.obligations.services import fitr_distribution_record, fitr_gift_create
from tests.disbursements.factories import IBAN, finance_team
from tests.obligations.conftest import IN_RAMADAN_1447, MUSCAT, OMAN_1447, paid_fitr

pytestmark = pytest.mark.django_db


# --- amounts ---------------------------------------------------------------------------------


def test_the_amount_is_persons_times_the_years_rate(programme):
    gift = paid_fitr(programme, 6)  # "me and 5 dependants"
    assert gift.donation.amount == Decimal("15.000") == 6 * gift.rate
    assert gift.donation.target == "fitr" and gift.donation.state == "confirmed"
    assert gift.donation.fund_account_id == programme.account_id
    assert gift.hijri_year == 1447 and gift.persons == 6


def test_the_rate_in_force_is_kept_when_the_ministry_corrects_it(programme, reviewer):
    from joud.obligations.services import fitr_rate_set

    first = paid_fitr(programme, 2)
    fitr_rate_set(actor=reviewer, hijri_year=1447, amount=Decimal("3"), in_kind_ar="أرز")
    second = paid_fitr(programme, 2)
    assert (first.donation.amount, second.donation.amount) == (Decimal("5.000"), Decimal("6.000"))
    entry = AuditLogEntry.objects.get(action="joud.fitr.rate_set")
    assert entry.data["before"] == "2.500" and entry.data["amount"] == "3.000"


@pytest.mark.parametrize("persons", [0, -1, rules.MAX_PERSONS + 1, 10**30, True, "6"])
def test_a_count_of_people_out_of_bounds_is_refused(programme, persons):
    with scopes_disabled(), pytest.raises(BusinessError) as refused:
        fitr_gift_create(programme=programme, persons=persons, now=IN_RAMADAN_1447)
    assert refused.value.field == "persons"


def test_a_year_without_a_rate_is_refused(programme):
    moment = dt.datetime(2027, 2, 10, 12, tzinfo=MUSCAT)  # in Ramadan 1448 (no rate set)
    assert rules.open_fitr_window(moment).hijri_year == 1448
    with scopes_disabled(), pytest.raises(BusinessError) as refused:
        fitr_gift_create(programme=programme, persons=1, now=moment)
    assert refused.value.code == "no_rate"


# --- the window --------------------------------------------------------------------------------


def test_collection_opens_with_omans_1_ramadan_not_umm_al_qura():
    assert uq_month_start(1447, 9) == dt.date(2026, 2, 18)  # the forecast, a day early
    window = rules.fitr_window(1447)
    assert window.opens == dt.datetime(2026, 2, 19, 0, 0, tzinfo=MUSCAT)
    assert rules.open_fitr_window(dt.datetime(2026, 2, 18, 23, 59, tzinfo=MUSCAT)) is None
    assert rules.open_fitr_window(dt.datetime(2026, 2, 19, 0, 0, tzinfo=MUSCAT)) == window


def test_a_29_day_ramadan_closes_on_the_30th_morning_at_the_eid_hour():
    window = rules.fitr_window(1447)
    assert (OMAN_1447[(1447, 10)] - OMAN_1447[(1447, 9)]).days == 29
    assert window.closes == dt.datetime(2026, 3, 20, 6, 30, tzinfo=MUSCAT)
    assert window.closes == dt.datetime(2026, 3, 20, 2, 30, tzinfo=dt.UTC)  # Oman is UTC+4
    before = dt.datetime(2026, 3, 20, 6, 29, 59, tzinfo=MUSCAT)
    assert rules.open_fitr_window(before) == window
    assert rules.open_fitr_window(window.closes) is None


def test_an_announced_1_shawwal_a_day_after_the_forecast_moves_the_closing():
    eid_morning = dt.datetime(2026, 3, 20, 9, 0, tzinfo=MUSCAT)
    use_month_starts({(1447, 9): OMAN_1447[(1447, 9)]})  # Shawwal as Umm al-Qura forecasts it
    assert uq_month_start(1447, 10) == dt.date(2026, 3, 20)
    assert rules.open_fitr_window(eid_morning) is None
    use_month_starts({(1447, 9): OMAN_1447[(1447, 9)], (1447, 10): dt.date(2026, 3, 21)})
    window = rules.fitr_window(1447)  # a 30-day Ramadan in Oman: Eid a day later
    assert window.closes == dt.datetime(2026, 3, 21, 6, 30, tzinfo=MUSCAT)
    assert rules.open_fitr_window(eid_morning) == window


@override_settings(JOUD_FITR_CLOSE_TIME=dt.time(7, 0))
def test_the_closing_hour_is_a_setting():
    assert rules.fitr_window(1447).closes == dt.datetime(2026, 3, 20, 7, 0, tzinfo=MUSCAT)
    assert rules.open_fitr_window(dt.datetime(2026, 3, 20, 6, 45, tzinfo=MUSCAT)) is not None


def test_a_gift_either_side_of_the_eid_prayer(programme):
    closes = rules.fitr_window(1447).closes
    gift = paid_fitr(programme, 1, now=closes - dt.timedelta(seconds=1))
    assert gift.hijri_year == 1447
    with scopes_disabled(), pytest.raises(BusinessError) as refused:
        fitr_gift_create(programme=programme, persons=1, now=closes, donor_phone="+96891234567")
    assert refused.value.code == "fitr_closed"
    assert "صلاة العيد" in str(refused.value.message)


# --- the restricted fund -----------------------------------------------------------------------


def test_fitr_money_pays_only_fitr_distribution(programme):
    paid_fitr(programme, 8)
    fund = programme.account
    assert fund.restriction == "fitr"
    with pytest.raises(BusinessError) as refused:
        ledger_disburse(account=fund, amount=Decimal("1"), purpose=Purpose.GENERAL, reference="X1")
    assert refused.value.code == "fitr_restricted"
    general = accounts.general_account(programme.organization)
    with pytest.raises(BusinessError) as moved:
        ledger_transfer(source=fund, destination=general, amount=Decimal("1"), reference="X2")
    assert moved.value.code == "fitr_restricted"
    requester, _approver = finance_team(programme.organization)
    with scopes_disabled(), pytest.raises(BusinessError) as asked:
        disbursements.disbursement_create(
            organization=programme.organization,
            actor=requester,
            source=fund,
            purpose="food",
            amount=Decimal("1"),
            payee_kind="supplier",
            payee_name="مورد",
            commercial_registration="1234567",
            bank_account=IBAN,
            planned_on=dt.date(2026, 3, 5),
        )
    assert asked.value.field == "source"
    held = account_balance(fund)
    requester, _approver = finance_team(programme.organization)
    item = fitr_distribution_record(
        programme=programme, actor=requester, families=3, persons=8, amount=Decimal("10")
    )
    assert account_balance(fund) == held - Decimal("10.000")
    assert Entry.objects.get(transaction=item.posting, account=fund).debit == Decimal("10.000")


def test_distribution_is_refused_beyond_the_fund_and_for_impossible_counts(programme):
    paid_fitr(programme, 2)
    requester, _ = finance_team(programme.organization)
    with pytest.raises(BusinessError) as too_much:
        fitr_distribution_record(
            programme=programme, actor=requester, families=1, persons=1, amount=Decimal("500")
        )
    assert too_much.value.code == "insufficient"
    with pytest.raises(BusinessError) as fewer:
        fitr_distribution_record(
            programme=programme, actor=requester, families=3, persons=2, amount=Decimal("1")
        )
    assert fewer.value.field == "persons"


def test_a_distribution_after_the_eid_prayer_is_flagged_late(programme):
    paid_fitr(programme, 8)
    requester, _ = finance_team(programme.organization)
    closes = rules.fitr_window(1447).closes
    on_time = fitr_distribution_record(
        programme=programme,
        actor=requester,
        families=2,
        persons=5,
        amount=Decimal("5"),
        now=closes - dt.timedelta(minutes=1),
    )
    late = fitr_distribution_record(
        programme=programme,
        actor=requester,
        families=1,
        persons=3,
        amount=Decimal("5"),
        now=closes,
    )
    assert (on_time.is_late, late.is_late) == (False, True)
    assert on_time.hijri_year == late.hijri_year == 1447
    assert selectors.fitr_figures(programme, 1447).late == 1


def test_only_finance_records_distribution(programme, donor):
    paid_fitr(programme, 2)
    with pytest.raises(BusinessError):
        fitr_distribution_record(
            programme=programme, actor=donor, families=1, persons=1, amount=Decimal("1")
        )


# --- public figures ----------------------------------------------------------------------------


def test_the_public_figures_equal_the_ledger(programme, client, clock, english):
    paid_fitr(programme, 6)
    paid_fitr(programme, 3, donor_phone="+96892222222")
    requester, _ = finance_team(programme.organization)
    for families, persons, amount in ((2, 7, "9.000"), (1, 2, "4.500")):
        fitr_distribution_record(
            programme=programme,
            actor=requester,
            families=families,
            persons=persons,
            amount=Decimal(amount),
        )
    figures = selectors.fitr_figures(programme, 1447)
    entries = Entry.objects.filter(account=programme.account)
    ledger_out = entries.filter(kind=Entry.Kind.DISBURSEMENT).aggregate(d=Sum("debit"))["d"]
    ledger_in = entries.filter(kind=Entry.Kind.GROSS).aggregate(c=Sum("credit"))["c"]
    assert figures.distributed == ledger_out == figures.recorded == Decimal("13.500")
    assert figures.received == ledger_in == Decimal("22.500")
    assert figures.held == account_balance(programme.account)
    assert (figures.persons_paid_for, figures.families_reached, figures.persons_covered) == (
        9,
        3,
        9,
    )

    response = client.get(f"/fitr/{programme.organization.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="families"><bdi>3</bdi>' in html
    assert 'data-figure="persons"><bdi>9</bdi>' in html
    assert "OMR\xa013.500" in html and "Collection is open" in html


# --- the giving page ---------------------------------------------------------------------------


def test_the_page_computes_the_amount_and_ignores_one_sent_by_the_client(programme, client, clock):
    response = client.post(
        f"/fitr/{programme.organization.slug}/",
        {"persons": "٦", "amount": "0.001", "donor_phone": "91234567"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        gift = programme.gifts.get()
    assert gift.persons == 6 and gift.donation.amount == Decimal("15.000")
    # the number as every other path stores it (consent, reminders and the donor's space
    # find the person by it)
    assert gift.donation.donor_phone == "+96891234567"


@pytest.mark.parametrize("persons", ["0", "1e3", "-2", "2.5", "٠", "abc", "201"])
def test_bad_counts_say_what_is_expected(programme, client, clock, english, persons):
    response = client.post(
        f"/fitr/{programme.organization.slug}/", {"persons": persons, "donor_phone": "91234567"}
    )
    assert response.status_code == 400
    assert "Enter the number of people, from 1 to 200" in response.content.decode()


@pytest.mark.parametrize("persons", ["1" + "0" * 30, "6\x00", "", " ", "1" * 5000])
def test_bad_counts_get_a_message_not_a_500(programme, client, clock, english, persons):
    response = client.post(
        f"/fitr/{programme.organization.slug}/", {"persons": persons, "donor_phone": "91234567"}
    )
    assert response.status_code == 400
    assert 'id="id_persons_errors"' in response.content.decode()
    with scopes_disabled():
        assert not programme.gifts.exists()


def test_the_amount_preview_and_a_closed_window(programme, client, clock, english):
    response = client.get("/fitr/amount/", {"persons": "4"})
    assert "OMR\xa010" in response.content.decode()
    bad = client.get("/fitr/amount/", {"persons": "1e9"})
    assert bad.status_code == 200 and "Enter the number of people" in bad.content.decode()
    clock(rules.fitr_window(1447).closes)
    page = client.get(f"/fitr/{programme.organization.slug}/")
    assert "Collection is closed" in page.content.decode()
    refused = client.post(
        f"/fitr/{programme.organization.slug}/", {"persons": "2", "donor_phone": "91234567"}
    )
    assert refused.status_code == 400


def test_the_arabic_page_reads_in_arabic(programme, client, clock):
    html = client.get(f"/fitr/{programme.organization.slug}/").content.decode()
    assert 'lang="ar"' in html and "زكاة الفطر" in html
    assert "٢٫٥٠٠\xa0ر.ع." in html  # the rate: baisa shown, as there are baisa
    assert to_hijri(IN_RAMADAN_1447.date()) == (1447, 9, 11)


@pytest.mark.parametrize(
    ("persons", "words"), [("1", "شخص واحد"), ("2", "شخصان"), ("6", "٦ أشخاص"), ("11", "١١ شخصًا")]
)
def test_the_arabic_amount_counts_people_in_the_right_plural(
    programme, client, clock, persons, words
):
    html = client.get("/fitr/amount/", {"persons": persons}).content.decode()
    assert words in html


def test_the_distribution_page_reads_right_in_arabic(programme, client, clock):
    from tests.fixtures.signin import login_with_totp

    requester, _ = finance_team(programme.organization)
    login_with_totp(client, requester)
    html = client.get(f"/fitr/{programme.organization.slug}/distribution/").content.decode()
    assert "صندوق زكاة الفطر" in html
    assert "ر.ع.</bdi>." not in html


def test_the_same_distribution_sent_twice_is_booked_once(programme):
    paid_fitr(programme, 8)
    requester, _ = finance_team(programme.organization)
    figures = {"families": 2, "persons": 5, "amount": Decimal("5")}
    first = fitr_distribution_record(programme=programme, actor=requester, **figures)
    with pytest.raises(BusinessError) as repeated:
        fitr_distribution_record(programme=programme, actor=requester, **figures)
    assert repeated.value.code == "repeated"
    other = fitr_distribution_record(
        programme=programme, actor=requester, families=1, persons=2, amount=Decimal("2")
    )
    with scopes_disabled():
        assert programme.distributions.count() == 2
    assert first.posting.reference != other.posting.reference
