"""Background and periodic jobs of the payments app (the scheduler imports this module)."""

from joud.payments.reconciliation_tasks import reconcile_daily  # noqa: F401  (daily reconciliation)
