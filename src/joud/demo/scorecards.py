"""Demo scorecards, computed last (after every other seeder wrote its records): organizations
with high and low scores, each for reasons the badge spells out. The low ones are made so by
records the platform would really hold: an incomplete profile, a warning on record, a report
left overdue (by the other seeders), zakat held past its Hijri year. The strong one has a
complete profile and nothing against it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from joud.ministry.models import Sanction
from joud.organizations.models import Organization
from joud.transparency.models import Scorecard
from joud.transparency.scorecards import scorecards_recompute

WEAK = "ibri-team"  # a team that left its profile half empty and was warned
STRONG = "nizwa-team"  # a team with a complete profile and nothing against it


def _weaken(world) -> None:
    org = Organization.objects.filter(slug=WEAK).first()
    if org is None:
        return
    Organization.objects.filter(pk=org.pk).update(description_en="", contact_email="", website="")
    if not Sanction.objects.filter(organization=org).exists():
        reviewer = (world.get("users") or {}).get("reviewer")
        Organization.objects.filter(pk=org.pk).update(warning_count=1)
        Sanction.objects.create(
            kind=Sanction.Kind.WARNING,
            organization=org,
            reason="تأخر تقديم التقرير الختامي لحملة سابقة.",
            issued_by=reviewer,
        )


def _strengthen() -> None:
    Organization.objects.filter(slug=STRONG).update(
        contact_phone="+96825410000", website="https://nizwa-team.example.om"
    )


def seed(rng, world) -> bool:
    if Scorecard.objects.exists():
        return False
    _strengthen()
    _weaken(world)
    today = timezone.localdate()
    scorecards_recompute(today=today - dt.timedelta(days=92))  # last quarter: the history
    scorecards_recompute(today=today)
    return True
