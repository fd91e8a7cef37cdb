"""Imports of donors' offline gifts and of volunteers, through the same machinery as the
beneficiaries' list: every row checked in the user's language, a preview that saves nothing,
all-or-nothing on a file with a bad row in the middle, undo within a day. Offline gifts are
marked as such, receipted, and in the books from the organization's own bank (never a gateway's
clearing account); undo is an opposite posting, and the ledger still verifies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from joud.api.imports import donors, volunteers
from joud.api.imports.services import import_commit, import_preview, import_undo
from joud.api.models import ImportBatch
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, PaymentAttempt
from joud.ledger.models import Account, Entry
from joud.ledger.selectors import account_raised
from joud.ledger.services import ledger_fold
from joud.ledger.verify import ledger_verify
from joud.privacy.models import Consent
from joud.receipts.models import Receipt
from joud.volunteering.models import VolunteerProfile
from tests.factories import InitiativeFactory, MembershipFactory, UserFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db
User = get_user_model()


def _csv(columns, rows, name="list.csv") -> SimpleUploadedFile:
    lines = [",".join(columns)] + [",".join(row) for row in rows]
    return SimpleUploadedFile(name, ("\ufeff" + "\n".join(lines)).encode(), "text/csv")


def _preview(org, actor, kind, upload) -> ImportBatch:
    with scopes_disabled(), translation.override("ar"):
        return import_preview(organization=org, actor=actor, kind=kind, upload=upload)


def _commit(batch, actor):
    with scopes_disabled(), translation.override("ar"):
        return import_commit(batch=batch, actor=actor)


# ---- donors' offline gifts -------------------------------------------------------------------

GIFT_COLUMNS = (*donors.COLUMNS, "slip")


@pytest.fixture
def giving(org_a):
    initiative = InitiativeFactory(organization=org_a)
    finance = MembershipFactory(organization=org_a, role="finance").user
    return initiative, finance


def _gifts(initiative) -> list[list[str]]:
    day = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    return [
        ["سالم بن خميس", "25", day, "نقدا", initiative.public_code, "no", "R-101"],
        ["", "٧٫٥٠٠", day, "bank_transfer", "general", "yes", "TRF-88"],
        ["Aisha Al Balushi", "100.250", day, "تحويل بنكي", "zakat", "لا", ""],
    ]


def _offline(org):
    with scopes_disabled():
        return list(Donation.objects.filter(organization=org).order_by("pk"))


def test_gifts_preview_saves_nothing_then_every_gift_is_offline_receipted_and_booked(org_a, giving):
    initiative, finance = giving
    batch = _preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, _gifts(initiative)))
    assert [row["error"] for row in batch.report] == ["", "", ""]
    assert _offline(org_a) == []  # the preview kept nothing
    with scopes_disabled():
        assert not Receipt.objects.exists()
    batch = _commit(batch, finance)
    assert batch.state == "committed"
    gifts = _offline(org_a)
    assert [g.channel for g in gifts] == ["cash", "bank_transfer", "bank_transfer"]
    assert [g.amount for g in gifts] == [Decimal("25.000"), Decimal("7.500"), Decimal("100.250")]
    assert {g.state for g in gifts} == {"confirmed"}
    assert gifts[1].is_anonymous and gifts[1].public_name != ""
    assert gifts[0].confirmed_at.date() == timezone.localdate() - dt.timedelta(days=3)
    with scopes_disabled():
        attempts = PaymentAttempt.objects.filter(donation__in=gifts)
        assert {a.provider for a in attempts} == {"offline"} and {a.fee for a in attempts} == {0}
        assert attempts.get(donation=gifts[0]).provider_reference == "R-101"
        numbers = sorted(Receipt.objects.filter(kind="donation").values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    # The money came from the organization's own bank: no gateway's clearing account moved.
    bank = Account.objects.get(code=f"org:{org_a.pk}:bank")
    gross_in = sum(e.debit for e in Entry.objects.filter(account=bank, kind=Entry.Kind.GROSS))
    assert gross_in == Decimal("132.750")
    assert not Entry.objects.filter(
        account__kind=Account.Kind.CLEARING,
        transaction__reference__in=[f"{g.reference}-P1" for g in gifts],
    ).exists()
    assert not Entry.objects.filter(kind=Entry.Kind.GATEWAY_FEE).exists()
    raised, count = account_raised(gifts[0].fund_account_id)
    assert (raised, count) == (Decimal("25.000"), 1)
    assert ledger_verify().ok


def test_a_bad_gift_in_the_middle_saves_nothing_and_says_why_in_arabic(org_a, giving):
    initiative, finance = giving
    good = _gifts(initiative)
    bad = ["خالد", "1e9", good[0][2], "شيك", "nowhere", "maybe", ""]
    batch = _preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, [good[0], bad, good[2]]))
    errors = [row["error"] for row in batch.report]
    assert errors[0] == "" and errors[2] == "" and "نقد" in errors[1]  # in Arabic
    with pytest.raises(BusinessError):
        _commit(batch, finance)
    assert _offline(org_a) == []
    with scopes_disabled():
        assert not Receipt.objects.exists() and not Entry.objects.exists()
        assert ImportBatch.objects.get().state == "preview"


@pytest.mark.parametrize(
    ("index", "value"),
    [
        (1, "1e9"),
        (1, "abc"),
        (1, "-5"),
        (1, "99999999999999999999999"),
        (1, "2.5555"),
        (2, "03/11/2026"),
        (2, "2999-01-01"),
        (2, "2000-01-01"),
        (2, "2026-02-30"),
        (3, "cheque"),
        (4, "NOPE1234"),
        (5, "maybe"),
        (0, ""),  # no name, not anonymous
    ],
)
def test_each_gift_field_is_checked(org_a, giving, index, value):
    initiative, finance = giving
    row = list(_gifts(initiative)[0])
    row[index] = value
    batch = _preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, [row]))
    assert batch.report[0]["error"], (index, value)


def test_an_initiative_of_another_association_is_not_a_target(org_a, org_b, giving):
    _initiative, finance = giving
    theirs = InitiativeFactory(organization=org_b)
    row = list(_gifts(theirs)[0])
    batch = _preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, [row]))
    assert batch.report[0]["error"]


def test_undo_takes_the_gifts_out_of_the_books_with_cancellation_receipts(org_a, giving):
    initiative, finance = giving
    batch = _commit(
        _preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, _gifts(initiative))), finance
    )
    fund = _offline(org_a)[0].fund_account_id
    with scopes_disabled():
        batch = import_undo(batch=batch, actor=finance)
    assert batch.state == "undone"
    gifts = _offline(org_a)
    assert {g.state for g in gifts} == {"refunded"}
    assert all(g.refunded_amount == g.amount for g in gifts)
    with scopes_disabled():
        kinds = list(Receipt.objects.order_by("number").values_list("kind", flat=True))
    assert kinds == ["donation"] * 3 + ["cancellation"] * 3  # numbers without gaps
    assert account_raised(fund) == (Decimal("0.000"), 0)
    assert ledger_verify().ok
    with scopes_disabled(), pytest.raises(BusinessError):
        import_undo(batch=batch, actor=finance)


# ---- volunteers ------------------------------------------------------------------------------

VOLUNTEER_COLUMNS = (*volunteers.COLUMNS, *volunteers.OPTIONAL)


def _born_date(years: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=365 * years + 30)


def _born(years: int) -> str:
    return _born_date(years).isoformat()


def _people() -> list[list[str]]:
    return [
        ["مازن بن سعيد", "92000001", _born(30), "yes", "mazin@example.om", "", ""],
        ["ريم بنت علي", "92000002", _born(15), "نعم", "", "علي بن ناصر", "93000002"],
        ["Omar Al Hinai", "92000003", _born(40), "yes", "", "", ""],
    ]


@pytest.fixture
def coordinator(org_a):
    return MembershipFactory(organization=org_a, role="coordinator").user


def test_volunteers_preview_saves_nothing_then_accounts_profiles_and_consents(org_a, coordinator):
    batch = _preview(org_a, coordinator, "volunteers", _csv(VOLUNTEER_COLUMNS, _people()))
    assert [row["error"] for row in batch.report] == ["", "", ""]
    assert not User.objects.filter(phone="+96892000001").exists()
    assert not Consent.objects.exists()
    _commit(batch, coordinator)
    minor = User.objects.get(phone="+96892000002")
    assert minor.full_name == "ريم بنت علي" and minor.is_volunteer
    assert not minor.has_usable_password()
    assert VolunteerProfile.objects.get(user=minor).date_of_birth is not None
    consent = Consent.objects.get(user=minor)
    assert consent.is_minor and consent.guardian_name == "علي بن ناصر"
    assert consent.guardian_phone == "+96893000002" and consent.organization_id == org_a.pk
    assert consent.purpose.code == "volunteering" and consent.method == "paper"
    assert Consent.objects.filter(organization=org_a).count() == 3


def test_a_minor_without_the_guardian_columns_is_rejected(org_a, coordinator):
    people = _people()
    no_guardian_columns = [row[:5] for row in people]  # email kept, guardian columns absent
    batch = _preview(
        org_a, coordinator, "volunteers", _csv(VOLUNTEER_COLUMNS[:5], no_guardian_columns)
    )
    errors = [row["error"] for row in batch.report]
    assert errors[0] == "" and errors[2] == "" and "ولي" in errors[1]


def test_a_volunteer_without_a_date_of_birth_is_rejected_unless_the_platform_knows_it(
    org_a, coordinator
):
    """A child with no date in the row would pass as an adult: without the date, the one
    already held for the person decides; without either, the row is refused."""
    known = User.objects.create_user(phone="+96892000009", full_name="سالم")
    VolunteerProfile.objects.create(user=known, date_of_birth=_born_date(12))
    rows = [
        ["مجهول العمر", "92000008", "", "yes", "", "", ""],
        ["سالم", "92000009", "", "yes", "", "", ""],  # a child: the guardian is needed
        ["سالم", "92000009", "", "yes", "", "ولي", "93000009"],
    ]
    batch = _preview(org_a, coordinator, "volunteers", _csv(VOLUNTEER_COLUMNS, rows))
    errors = [row["error"] for row in batch.report]
    assert "تاريخ ميلاد" in errors[0] and "ولي" in errors[1] and errors[2] == ""


def test_a_bad_volunteer_in_the_middle_saves_nothing(org_a, coordinator):
    people = _people()
    bad = ["سعاد", "12345", _born(20), "no", "", "", ""]
    batch = _preview(
        org_a, coordinator, "volunteers", _csv(VOLUNTEER_COLUMNS, [people[0], bad, people[2]])
    )
    assert [bool(row["error"]) for row in batch.report] == [False, True, False]
    with pytest.raises(BusinessError):
        _commit(batch, coordinator)
    assert not User.objects.filter(phone__in=["+96892000001", "+96892000003"]).exists()
    assert not Consent.objects.exists()


def test_undo_removes_the_consents_and_only_the_accounts_the_import_opened(org_a, coordinator):
    known = UserFactory(phone="+96892000001", full_name="مازن")
    batch = _commit(
        _preview(org_a, coordinator, "volunteers", _csv(VOLUNTEER_COLUMNS, _people())),
        coordinator,
    )
    known.refresh_from_db()
    assert known.full_name == "مازن"  # an existing account is found, not changed
    assert User.objects.filter(phone="+96892000001").count() == 1
    with scopes_disabled():
        import_undo(batch=batch, actor=coordinator)
    assert not Consent.objects.exists()
    assert User.objects.filter(pk=known.pk).exists()
    assert not User.objects.filter(phone__in=["+96892000002", "+96892000003"]).exists()


# ---- who may import what ---------------------------------------------------------------------


def test_each_role_imports_its_own_lists(client, org_a, giving, coordinator, caseworker_a):
    initiative, finance = giving
    login_with_totp(client, caseworker_a)
    upload = _csv(GIFT_COLUMNS, _gifts(initiative))
    response = client.post("/org/api/imports/", {"kind": "donors", "file": upload})
    assert response.status_code == 400  # not a choice for a caseworker
    client.logout()
    login_with_totp(client, finance)
    page = client.get("/org/api/imports/").content.decode()
    assert 'value="donors"' in page and 'value="beneficiaries"' not in page
    upload = _csv(GIFT_COLUMNS, _gifts(initiative))
    response = client.post("/org/api/imports/", {"kind": "donors", "file": upload})
    assert response.status_code == 302
    with scopes_disabled():
        batch = ImportBatch.objects.get()
    client.logout()
    login_with_totp(client, coordinator)
    assert client.get(f"/org/api/imports/{batch.pk}/").status_code == 404  # not their kind


def test_offline_gifts_are_told_apart_in_the_api_the_export_and_the_public_totals(
    client, org_a, giving
):
    from tests.api.conftest import bearer, make_token

    initiative, finance = giving
    _commit(_preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, _gifts(initiative))), finance)
    raw = make_token(org_a)
    listed = client.get("/api/v1/org/donations", **bearer(raw)).json()["items"]
    assert sorted(d["channel"] for d in listed) == ["bank_transfer", "cash"]  # one anonymous
    response = client.get("/api/v1/org/exports/donations.csv", **bearer(raw))
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].split(",")[6] == "channel" and ",cash," in text
    ledger_fold()  # the one-second fold the public figures read
    totals = client.get("/api/v1/totals").json()
    assert totals["offline_raised_live"] == "25.000"
    assert totals["raised_live"] == "25.000"  # the offline gift is in it, and said to be


def test_a_gateway_refund_of_an_offline_gift_is_refused_with_a_message(org_a, giving):
    from joud.donations.services import donation_refund

    initiative, finance = giving
    _commit(_preview(org_a, finance, "donors", _csv(GIFT_COLUMNS, _gifts(initiative))), finance)
    gift = _offline(org_a)[0]
    with pytest.raises(BusinessError) as refused, translation.override("en"):
        donation_refund(donation=gift, actor=finance)
    with translation.override("en"):  # the message is lazy: read it in English
        assert "offline" in str(refused.value) and refused.value.code == "offline"
    with scopes_disabled():
        assert not gift.refunds.exists()


def test_a_donors_phone_is_stored_as_every_other_path_stores_it(org_a, giving):
    initiative, finance = giving
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    columns = (*donors.COLUMNS, "phone")
    rows = [
        ["سالم", "5", day, "نقدا", "general", "no", "٩٢٠٠ ٠٠٠١"],
        ["خالد", "5", day, "نقدا", "general", "no", "12"],
    ]
    batch = _preview(org_a, finance, "donors", _csv(columns, rows))
    assert batch.report[0]["error"] == "" and batch.report[1]["error"] != ""
    batch = _preview(org_a, finance, "donors", _csv(columns, rows[:1]))
    _commit(batch, finance)
    assert [g.donor_phone for g in _offline(org_a)] == ["+96892000001"]
