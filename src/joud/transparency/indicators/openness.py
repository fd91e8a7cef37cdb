"""Transparency: evidence for money paid out, published final reports, a complete profile."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from joud.campaigns.models import FinalReport, Initiative
from joud.disbursements.models import Disbursement, Evidence
from joud.transparency.indicators.base import (
    Context,
    Reading,
    Unit,
    indicator,
    months,
    share,
    worded,
)

GROUP = "transparency"
PAID_STATES = (Disbursement.State.POSTED, Disbursement.State.PAID)
FINISHED = (Initiative.State.ENDED, Initiative.State.REPORTED, Initiative.State.CLOSED)
PROFILE_FIELDS = (
    "name_en",
    "description_ar",
    "description_en",
    "contact_email",
    "contact_phone",
    "website",
    "wilayat_id",
    "licence_number",
)


@indicator(
    "evidence",
    GROUP,
    Unit.SHARE,
    title=_("Payments with public evidence"),
    formula=worded(
        _(
            "Money paid out in the last %(months)s with at least one public invoice, quotation "
            "or photo ÷ all money paid out."
        ),
        months=months,
    ),
    source=_("Payments out and the evidence files marked public."),
    explanation=_("Anyone can see what was bought, from the receipts themselves."),
    advice=_("Attach an invoice or delivery photos to each payment and mark them public."),
)
def evidence(ctx: Context) -> Reading:
    rows = Disbursement.unscoped.filter(
        organization=ctx.organization,
        state__in=PAID_STATES,
        posted_at__date__gt=ctx.since,
        posted_at__date__lte=ctx.today,
    ).annotate(shown=Exists(Evidence.unscoped.filter(disbursement=OuterRef("pk"), is_public=True)))
    paid = rows.aggregate(s=Sum("amount"))["s"]
    if not paid:
        return Reading("evidence", None, None)
    shown = rows.filter(shown=True).aggregate(s=Sum("amount"))["s"] or 0
    value = share(shown, paid)
    return Reading("evidence", value, value, {"paid": paid, "shown": shown})


@indicator(
    "reports_published",
    GROUP,
    Unit.SHARE,
    title=_("Finished initiatives with a published report"),
    formula=_(
        "Finished initiatives whose final report the ministry accepted and published ÷ "
        "finished initiatives whose report has fallen due."
    ),
    source=_("Initiatives and their final reports."),
    explanation=_("A published report shows donors what their gifts achieved."),
    advice=_("File the missing final reports and answer the ministry's requested changes."),
)
def reports_published(ctx: Context) -> Reading:
    published = Exists(
        FinalReport.unscoped.filter(
            initiative=OuterRef("pk"),
            state=FinalReport.State.ACCEPTED,
            published_at__isnull=False,
        )
    )
    finished = (
        Initiative.unscoped.filter(organization=ctx.organization, state__in=FINISHED)
        .annotate(published=published)
        .filter(Q(published=True) | Q(report_due_on__lte=ctx.today))
    )
    total = finished.count()
    if not total:
        return Reading("reports_published", None, None)
    done = finished.filter(published=True).count()
    value = share(done, total)
    return Reading("reports_published", value, value, {"finished": total, "published": done})


@indicator(
    "profile",
    GROUP,
    Unit.SHARE,
    title=_("Profile completeness"),
    formula=worded(
        ngettext_lazy(
            "Filled ÷ %(fields)s profile field: English name, description in Arabic and in "
            "English, email, phone, website, wilayat, licence number.",
            "Filled ÷ %(fields)s profile fields: English name, description in Arabic and in "
            "English, email, phone, website, wilayat, licence number.",
            "count",
        ),
        fields=lambda: len(PROFILE_FIELDS),
    ),
    source=_("The organization's public profile."),
    explanation=_("Donors trust an organization they can find and contact."),
    advice=_("Complete your profile: description in both languages, contacts and website."),
)
def profile(ctx: Context) -> Reading:
    org = ctx.organization
    filled = sum(1 for name in PROFILE_FIELDS if getattr(org, name))
    value = Decimal(filled) / len(PROFILE_FIELDS)
    return Reading("profile", value, value, {"filled": filled, "fields": len(PROFILE_FIELDS)})
