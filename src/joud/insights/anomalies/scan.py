"""The minute scan: payment attempts of the last five minutes per initiative, through the same
burst rule at initiative scale (one initiative receives a whole nation's giving)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.donations.models import PaymentAttempt
from joud.insights.anomalies import bursts
from joud.insights.anomalies.services import anomaly_raise


def attempts_scan(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    since = now - dt.timedelta(seconds=bursts.WINDOW)
    with scopes_disabled():
        rows = (
            PaymentAttempt.unscoped.filter(
                created_at__gte=since, donation__initiative__isnull=False
            )
            .values("donation__initiative_id", "organization_id")
            .annotate(
                n=Count("id"),
                small=Count("id", filter=Q(amount__lte=bursts.SMALL)),
                declines=Count("id", filter=Q(state=PaymentAttempt.State.FAILED)),
            )
        )
        raised = 0
        for row in rows:
            reason = bursts.burst_reason(
                row["n"], row["small"], row["declines"], scale=bursts.INITIATIVE_SCALE
            )
            if reason and anomaly_raise(
                kind="card_testing",
                subject=f"initiative:{row['donation__initiative_id']}",
                reason=reason,
                details={"attempts": row["n"], "small": row["small"], "declines": row["declines"]},
                organization_id=row["organization_id"],
                initiative_id=row["donation__initiative_id"],
            ):
                raised += 1
    return raised
