"""Reach: people helped, volunteer hours, donors and whether they come back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from joud.beneficiaries.models import Case
from joud.campaigns.models import FinalReport
from joud.donations.models import Donation
from joud.transparency.indicators.base import (
    ONE,
    Context,
    Reading,
    Unit,
    clamp,
    indicator,
    months,
    setting,
    share,
    worded,
)
from joud.transparency.indicators.period import days
from joud.volunteering.models import Application, Opportunity

GROUP = "reach"
GIVEN = (
    Donation.State.CONFIRMED,
    Donation.State.PARTIALLY_REFUNDED,
)
DECIDED = (Case.Status.APPROVED, Case.Status.CLOSED)


@indicator(
    "beneficiaries",
    GROUP,
    Unit.COUNT,
    title=_("People reached"),
    formula=worded(
        ngettext_lazy(
            "People reached in final reports the ministry accepted in the last %(months)s + "
            "cases approved in that time. Full marks at %(people)s person.",
            "People reached in final reports the ministry accepted in the last %(months)s + "
            "cases approved in that time. Full marks at %(people)s people.",
            "count",
        ),
        months=months,
        people=setting("JOUD_SCORECARD_REACH_PEOPLE"),
    ),
    source=_("Accepted final reports (counts only) and approved beneficiary cases."),
    explanation=_("How many people the organization's work reached (never who they are)."),
    advice=_("Record the people reached in each final report; verify and help more cases."),
)
def beneficiaries(ctx: Context) -> Reading:
    org = ctx.organization
    reported = (
        FinalReport.unscoped.filter(
            organization=org,
            state=FinalReport.State.ACCEPTED,
            decided_at__date__gt=ctx.since,
            decided_at__date__lte=ctx.today,
        ).aggregate(n=Sum("people_reached"))["n"]
        or 0
    )
    cases = (
        Case.unscoped.filter(
            organization=org,
            status__in=DECIDED,
            status_history__to_status=Case.Status.APPROVED,
            status_history__created_at__date__gt=ctx.since,
            status_history__created_at__date__lte=ctx.today,
        )
        .distinct()
        .count()
    )
    value = reported + cases
    if not value and not ctx.money.paid_out:
        return Reading("beneficiaries", None, None)
    mark = clamp(Decimal(value) / settings.JOUD_SCORECARD_REACH_PEOPLE)
    return Reading("beneficiaries", value, mark, {"reported": reported, "cases": cases})


@indicator(
    "volunteer_hours",
    GROUP,
    Unit.HOURS,
    title=_("Volunteer hours"),
    formula=worded(
        ngettext_lazy(
            "Hours approved for volunteers in the last %(months)s. Full marks at %(hours)s hour.",
            "Hours approved for volunteers in the last %(months)s. Full marks at %(hours)s hours.",
            "count",
        ),
        months=months,
        hours=setting("JOUD_SCORECARD_REACH_HOURS"),
    ),
    source=_("Volunteer shifts and the hours the organization approved."),
    explanation=_("Volunteers' time is giving too."),
    advice=_("Offer volunteering opportunities and approve the hours volunteers give."),
)
def volunteer_hours(ctx: Context) -> Reading:
    org = ctx.organization
    if not Opportunity.unscoped.filter(organization=org).exists():
        return Reading("volunteer_hours", None, None)
    minutes = (
        Application.unscoped.filter(
            organization=org,
            hours_status=Application.Hours.APPROVED,
            approved_at__date__gt=ctx.since,
            approved_at__date__lte=ctx.today,
        ).aggregate(m=Sum("approved_minutes"))["m"]
        or 0
    )
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    return Reading("volunteer_hours", hours, clamp(hours / settings.JOUD_SCORECARD_REACH_HOURS), {})


def donor_keys(org, start: dt.date, end: dt.date) -> set[str]:
    """Who gave in (start, end]: a signed-in donor by account, a guest by email or phone."""
    rows = Donation.unscoped.filter(
        organization=org,
        state__in=GIVEN,
        **days("confirmed_at", after=start, through=end),
    ).values_list("donor_id", "donor_email", "donor_phone")
    keys = set()
    for donor_id, email, phone in rows:
        key = f"u{donor_id}" if donor_id else (email.strip().lower() or phone.strip())
        if key:
            keys.add(key)
    return keys


@indicator(
    "donor_retention",
    GROUP,
    Unit.SHARE,
    title=_("Donors who came back"),
    formula=worded(
        ngettext_lazy(
            "Donors of the %(months)s before last who gave again in the last %(months)s ÷ "
            "donors of the %(months)s before last (measured from %(donors)s donor).",
            "Donors of the %(months)s before last who gave again in the last %(months)s ÷ "
            "donors of the %(months)s before last (measured from %(donors)s donors).",
            "count",
        ),
        months=months,
        donors=setting("JOUD_SCORECARD_MIN_DONORS"),
    ),
    source=_("Confirmed gifts (donors counted, never named)."),
    explanation=_("Donors who give again trust the organization."),
    advice=_("Tell past donors what their gifts did: updates, the final report, a thank-you."),
)
def donor_retention(ctx: Context) -> Reading:
    org = ctx.organization
    now = donor_keys(org, ctx.since, ctx.today)
    before = donor_keys(org, ctx.since - (ctx.today - ctx.since), ctx.since)
    if len(before) < settings.JOUD_SCORECARD_MIN_DONORS:
        return Reading("donor_retention", None, None, {"donors": len(now)})
    value = share(len(before & now), len(before))
    return Reading(
        "donor_retention",
        value,
        min(ONE, value),
        {"donors": len(now), "before": len(before), "returned": len(before & now)},
    )
