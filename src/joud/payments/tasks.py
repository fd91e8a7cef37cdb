"""Periodic reconciliation: the result goes to the audit log for the finance team."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.scheduling import periodic


@periodic(every=dt.timedelta(hours=1), name="payments.reconcile")
@task
def reconcile_recent() -> int:
    from joud.payments.reconciliation import reconcile
    from joud.payments.registry import enabled_providers

    total = 0
    for provider in enabled_providers():
        differences = reconcile(provider=provider, since=timezone.now() - dt.timedelta(days=2))
        total += len(differences)
        audit_log(
            action="joud.reconciliation.run",
            data={
                "provider": provider.identifier,
                "differences": [str(d) for d in differences[:100]],
                "count": len(differences),
            },
        )
    return total
