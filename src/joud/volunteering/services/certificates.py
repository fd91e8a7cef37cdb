"""Certificates of approved hours, for one opportunity or one year, signed so they can be verified."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.volunteering import tokens
from joud.volunteering.models import Application, Certificate, Opportunity


def _approved_minutes(*, volunteer, opportunity=None, year=None) -> int:
    with scopes_disabled():  # a yearly certificate spans organizations
        qs = Application.objects.filter(
            volunteer=volunteer, hours_status=Application.Hours.APPROVED
        )
        if opportunity is not None:
            qs = qs.filter(shift__opportunity=opportunity)
        if year is not None:
            qs = qs.filter(shift__starts_at__year=year)
        return qs.aggregate(total=Sum("approved_minutes"))["total"] or 0


def certificate_issue(
    *,
    volunteer,
    opportunity: Opportunity | None = None,
    year: int | None = None,
    language: str = "ar",
) -> Certificate:
    """Issue (or return the identical existing) certificate of approved hours."""
    if (opportunity is None) == (year is None):
        raise BusinessError(_("A certificate is for one opportunity or for one year."))
    if language not in ("ar", "en"):
        language = "ar"
    minutes = _approved_minutes(volunteer=volunteer, opportunity=opportunity, year=year)
    if minutes <= 0:
        raise BusinessError(_("There are no approved hours to certify yet."), code="no_hours")
    kind = Certificate.Kind.OPPORTUNITY if opportunity else Certificate.Kind.YEARLY
    with transaction.atomic():
        existing = (
            Certificate.objects.select_for_update()
            .filter(
                volunteer=volunteer,
                kind=kind,
                opportunity=opportunity,
                year=year,
                language=language,
                minutes=minutes,
            )
            .first()
        )
        if existing is not None:
            return existing
        certificate = Certificate(
            volunteer=volunteer,
            kind=kind,
            opportunity=opportunity,
            year=year,
            language=language,
            minutes=minutes,
        )
        with translation.override(language):
            content = {
                "code": certificate.code,
                "name": volunteer.full_name or str(volunteer),
                "minutes": minutes,
                "issued": timezone.localdate().isoformat(),
                "lang": language,
            }
            if opportunity is not None:
                content["org"] = opportunity.organization.name
                content["for"] = opportunity.title
            else:
                content["year"] = year
        certificate.content = content
        certificate.signature = tokens.certificate_signature(content)
        certificate.save(force_insert=True)
        audit_log(
            action="joud.volunteering.certificate_issued",
            actor=volunteer,
            target=certificate,
            organization=opportunity.organization if opportunity else None,
            data={"kind": kind, "minutes": minutes, "year": year},
        )
    return certificate
