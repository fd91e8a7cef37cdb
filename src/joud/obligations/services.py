"""Every write of the obligations: the ministry's rates (audited), an organization's fitr
programme, a donor's zakat al-fitr or expiation (through the donations service, like any gift,
the amount computed here and never taken from the client), the fitr distribution (booked in the
ledger out of the fitr fund) and the Ramadan reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import Initiative
from joud.core.audit import audit_log
from joud.core.dates import to_hijri
from joud.core.errors import BusinessError
from joud.core.money import STORABLE_MAXIMUM, format_number, quantize
from joud.donations.models import Donation
from joud.donations.services import donation_create
from joud.ledger import accounts
from joud.ledger.services.spending import Purpose, ledger_disburse
from joud.obligations import rules
from joud.obligations.access import require_admin, require_finance, require_reviewer
from joud.obligations.models import (
    ExpiationGift,
    FitrDistribution,
    FitrGift,
    FitrProgramme,
    FitrRate,
    MealPrice,
)
from joud.obligations.selectors import FEEDING_CATEGORIES, fitr_rate, meal_price
from joud.organizations.models import Organization

MAX_PEOPLE_FED = 10_000_000  # a distribution's families/persons: any larger is a typing slip


def _text(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise BusinessError(_("Remove the control characters."), code="control", field=field)
    return value[:limit]


def _year(hijri_year) -> int:
    if not isinstance(hijri_year, int) or not 1400 <= hijri_year <= 1500:
        raise BusinessError(_("Enter a Hijri year such as 1448."), code="year", field="hijri_year")
    return hijri_year


def _price(amount, *, field: str = "amount") -> Decimal:
    try:
        amount = quantize(amount)
    except (TypeError, ValueError):
        amount = Decimal(0)
    if amount <= 0 or amount > rules.MAX_PRICE:
        raise BusinessError(
            _("Enter an amount in rials more than zero and at most 1,000."),
            code="amount",
            field=field,
        )
    return amount


@transaction.atomic
def fitr_rate_set(
    *, actor, hijri_year: int, amount: Decimal, in_kind_ar: str, in_kind_en: str = ""
) -> FitrRate:
    """The ministry sets (or corrects) the year's zakat al-fitr per person; gifts already made
    keep the rate they were made at."""
    require_reviewer(actor)
    hijri_year, amount = _year(hijri_year), _price(amount)
    in_kind_ar = _text(in_kind_ar, field="in_kind_ar", limit=120)
    in_kind_en = _text(in_kind_en, field="in_kind_en", limit=120)
    if not in_kind_ar:
        raise BusinessError(
            _("Give the in-kind equivalent, for example 2.5 kg of rice."), field="in_kind_ar"
        )
    before = FitrRate.objects.select_for_update().filter(hijri_year=hijri_year).first()
    rate, _created = FitrRate.objects.update_or_create(
        hijri_year=hijri_year,
        defaults={
            "amount": amount,
            "in_kind_ar": in_kind_ar,
            "in_kind_en": in_kind_en,
            "set_by": actor,
        },
    )
    audit_log(
        action="joud.fitr.rate_set",
        actor=actor,
        target=rate,
        data={
            "hijri_year": hijri_year,
            "amount": amount,
            "in_kind": in_kind_ar,
            "before": before.amount if before else None,
        },
    )
    return rate


@transaction.atomic
def meal_price_set(*, actor, hijri_year: int, amount: Decimal) -> MealPrice:
    """The ministry sets (or corrects) the price of one meal for expiations in a Hijri year."""
    require_reviewer(actor)
    hijri_year, amount = _year(hijri_year), _price(amount)
    before = MealPrice.objects.select_for_update().filter(hijri_year=hijri_year).first()
    price, _created = MealPrice.objects.update_or_create(
        hijri_year=hijri_year, defaults={"amount": amount, "set_by": actor}
    )
    audit_log(
        action="joud.expiation.meal_price_set",
        actor=actor,
        target=price,
        data={
            "hijri_year": hijri_year,
            "amount": amount,
            "before": before.amount if before else None,
        },
    )
    return price


@transaction.atomic
def fitr_programme_open(
    *, organization: Organization, actor, description_ar: str = "", description_en: str = ""
) -> FitrProgramme:
    """A licensed association or team collects zakat al-fitr: the ledger opens its fitr fund."""
    require_admin(actor, organization)
    if not organization.is_licensed:
        raise BusinessError(
            _("Only a licensed organization can collect zakat al-fitr."), code="not_licensed"
        )
    programme = FitrProgramme.unscoped.filter(organization=organization).first()
    if programme is not None:
        return programme
    programme = FitrProgramme.unscoped.create(
        organization=organization,
        description_ar=_text(description_ar, field="description_ar", limit=2000),
        description_en=_text(description_en, field="description_en", limit=2000),
        account=accounts.fitr_account(organization),
    )
    audit_log(action="joud.fitr.programme_opened", actor=actor, target=programme)
    return programme


def _count(value, *, maximum: int, field: str, message) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise BusinessError(message, code="count", field=field)
    return value


@transaction.atomic
def fitr_gift_create(
    *,
    programme: FitrProgramme,
    persons: int,
    donor=None,
    donor_name: str = "",
    donor_email: str = "",
    donor_phone: str = "",
    is_anonymous: bool = False,
    language: str = "ar",
    now: dt.datetime | None = None,
) -> FitrGift:
    """Zakat al-fitr for ``persons`` people (the donor and their dependants): persons x the
    year's rate, while the window is open (1 Ramadan until the Eid prayer)."""
    persons = _count(
        persons,
        maximum=rules.MAX_PERSONS,
        field="persons",
        message=_("Enter the number of people, from 1 to %(maximum)s.")
        % {"maximum": format_number(rules.MAX_PERSONS)},
    )
    if not programme.is_active:
        raise BusinessError(_("This organization is not collecting zakat al-fitr."), code="closed")
    window = rules.open_fitr_window(now)
    if window is None:
        raise BusinessError(
            _(
                "Zakat al-fitr is collected from the start of Ramadan until the Eid prayer; "
                "collection is closed now."
            ),
            code="fitr_closed",
        )
    rate = fitr_rate(window.hijri_year)
    if rate is None:
        raise BusinessError(
            _("The ministry has not yet set this year's zakat al-fitr."), code="no_rate"
        )
    donation = donation_create(
        organization=programme.organization,
        target=Donation.Target.FITR,
        amount=rules.fitr_amount(persons, rate.amount),
        donor=donor,
        donor_name=donor_name,
        donor_email=donor_email,
        donor_phone=donor_phone,
        is_anonymous=is_anonymous,
        language=language,
    )
    gift = FitrGift.unscoped.create(
        organization_id=programme.organization_id,
        programme=programme,
        donation=donation,
        hijri_year=window.hijri_year,
        persons=persons,
        rate=rate.amount,
    )
    audit_log(
        action="joud.fitr.gift_started",
        actor=donation.donor,
        target=gift,
        data={"donation": donation.reference, "persons": persons, "rate": rate.amount},
    )
    return gift


def _distribution_year(now: dt.datetime) -> rules.FitrWindow:
    """The year a distribution belongs to: the window open now, or the last one that opened."""
    window = rules.next_fitr_window(now)
    return window if window.opens <= now else rules.fitr_window(window.hijri_year - 1)


REPEAT_WINDOW = dt.timedelta(minutes=1)


@transaction.atomic
def fitr_distribution_record(
    *,
    programme: FitrProgramme,
    actor,
    families: int,
    persons: int,
    amount: Decimal,
    note: str = "",
    now: dt.datetime | None = None,
) -> FitrDistribution:
    """The organization records fitr handed out: booked in the ledger as fitr distribution from
    its fitr fund (nothing else may be paid from it). Due before the Eid prayer; a record made
    after it is kept and flagged late."""
    require_finance(actor, programme.organization_id)
    now = now or rules.current_moment()
    families = _count(
        families,
        maximum=MAX_PEOPLE_FED,
        field="families",
        message=_("Enter the number of families reached."),
    )
    persons = _count(
        persons,
        maximum=MAX_PEOPLE_FED,
        field="persons",
        message=_("Enter the number of persons covered."),
    )
    if persons < families:
        raise BusinessError(
            _(
                "Each family reached has at least one person: persons cannot be fewer than families."
            ),
            code="persons",
            field="persons",
        )
    try:
        amount = quantize(amount)
    except (TypeError, ValueError):
        amount = Decimal(0)
    if amount <= 0 or amount > STORABLE_MAXIMUM:
        raise BusinessError(_("Enter an amount more than zero."), code="amount", field="amount")
    note = _text(note, field="note", limit=200)
    window = _distribution_year(now)
    # One at a time per programme: the record's number (its ledger reference) is counted under
    # the lock, and the same record sent twice (a double tap, a resent form) is booked once.
    FitrProgramme.unscoped.select_for_update().get(pk=programme.pk)
    twice = FitrDistribution.unscoped.filter(
        programme=programme,
        families=families,
        persons=persons,
        amount=amount,
        created_at__gte=timezone.now() - REPEAT_WINDOW,
    ).exists()
    if twice:
        raise BusinessError(
            _(
                "This distribution was recorded a moment ago. If it is another one with the "
                "same figures, record it again in a minute."
            ),
            code="repeated",
        )
    number = FitrDistribution.unscoped.filter(programme=programme).count() + 1
    posting = ledger_disburse(
        account=programme.account,
        amount=amount,
        purpose=Purpose.FITR_DISTRIBUTION,
        reference=f"FTR{programme.pk}-D{number}",
        actor=actor,
        memo=f"fitr {window.hijri_year}: {families} families, {persons} persons",
    )
    item = FitrDistribution.unscoped.create(
        organization_id=programme.organization_id,
        programme=programme,
        hijri_year=window.hijri_year,
        families=families,
        persons=persons,
        amount=amount,
        note=note,
        posting=posting,
        is_late=now >= window.closes,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(
        action="joud.fitr.distributed",
        actor=actor,
        target=item,
        data={
            "hijri_year": window.hijri_year,
            "families": families,
            "persons": persons,
            "amount": amount,
            "late": item.is_late,
        },
    )
    return item


@transaction.atomic
def expiation_gift_create(
    *,
    initiative: Initiative,
    kind: str,
    count: int,
    donor=None,
    donor_name: str = "",
    donor_email: str = "",
    donor_phone: str = "",
    is_anonymous: bool = False,
    language: str = "ar",
    today: dt.date | None = None,
) -> ExpiationGift:
    """A kaffarah or fidya: the meals its rule requires x the year's meal price, given to a
    feeding programme (an initiative of a feeding category), whose fund is restricted to it."""
    if kind not in ExpiationGift.Kind.values:
        raise BusinessError(_("Choose kaffarah or fidya."), code="kind", field="kind")
    count = _count(
        count,
        maximum=rules.MAX_COUNT,
        field="count",
        message=_("Enter a number from 1 to %(maximum)s.")
        % {"maximum": format_number(rules.MAX_COUNT)},
    )
    if initiative.category not in FEEDING_CATEGORIES:
        raise BusinessError(
            _("Expiations are paid only to feeding programmes."), code="not_feeding"
        )
    year = to_hijri(today or rules.current_moment().astimezone(rules.MUSCAT).date())[0]
    price = meal_price(year)
    if price is None:
        raise BusinessError(
            _("The ministry has not yet set this year's meal price."), code="no_price"
        )
    meals = rules.expiation_meals(kind, count)
    donation = donation_create(
        organization=initiative.organization,
        target=Donation.Target.INITIATIVE,
        initiative=initiative,
        amount=rules.expiation_amount(kind, count, price.amount),
        donor=donor,
        donor_name=donor_name,
        donor_email=donor_email,
        donor_phone=donor_phone,
        is_anonymous=is_anonymous,
        language=language,
        whole_to_cause=True,  # the meals counted are the meals paid for
    )
    gift = ExpiationGift.unscoped.create(
        organization_id=initiative.organization_id,
        initiative=initiative,
        donation=donation,
        kind=kind,
        count=count,
        meals=meals,
        meal_price=price.amount,
        hijri_year=year,
    )
    audit_log(
        action="joud.expiation.gift_started",
        actor=donation.donor,
        target=gift,
        data={"donation": donation.reference, "kind": kind, "count": count, "meals": meals},
    )
    return gift
