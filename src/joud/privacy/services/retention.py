"""The retention schedule: each kind of data deleted or pseudonymised on time, each run recorded
(``RetentionRun``) so the report says what was done. The rules of the apps above come from their
``personal_data`` modules; the platform's own (messages, sign-in codes, exports' requests) are
declared here."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.models import MessageDelivery, OutboxMessage
from joud.privacy import registry
from joud.privacy.models import RetentionRun, RightsRequest
from joud.privacy.registry import RetentionRule, register_rule

logger = logging.getLogger(__name__)


def _purge_outbox(cutoff) -> tuple[int, int]:
    deleted, _kinds = OutboxMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted, 0


def _purge_deliveries(cutoff) -> tuple[int, int]:
    deleted, _kinds = MessageDelivery.objects.filter(created_at__lt=cutoff).delete()
    return deleted, 0


def _purge_request_details(cutoff) -> tuple[int, int]:
    """Answered rights requests keep their kind, dates and answer; the free text the person
    wrote and the erasure's detail go."""
    old = RightsRequest.objects.filter(answered_at__lt=cutoff).exclude(details="")
    return 0, old.update(details="")


register_rule(
    RetentionRule(
        code="sign_in_codes",
        label=_("Messages holding sign-in codes (the outbox)"),
        days=1,
        purge=_purge_outbox,
    )
)
register_rule(
    RetentionRule(
        code="message_records",
        label=_("Delivery records of messages"),
        days=90,
        purge=_purge_deliveries,
    )
)
register_rule(
    RetentionRule(
        code="rights_requests",
        label=_("What people wrote in their requests"),
        days=3 * 365,
        purge=_purge_request_details,
    )
)


def retention_run(rule: RetentionRule, *, now: dt.datetime | None = None) -> RetentionRun:
    cutoff = (now or timezone.now()) - dt.timedelta(days=rule.keep_days)
    with transaction.atomic():
        deleted, pseudonymised = rule.purge(cutoff)
        run = RetentionRun.objects.create(
            rule=rule.code, cutoff=cutoff, deleted=deleted, pseudonymised=pseudonymised
        )
    logger.info(
        "retention %s: %s deleted, %s pseudonymised (older than %s)",
        rule.code,
        deleted,
        pseudonymised,
        cutoff.date().isoformat(),
    )
    return run


def retention_purge_all(*, now: dt.datetime | None = None) -> list[RetentionRun]:
    """Every rule once: what the daily job runs. A rule that fails is logged with its error and
    the others still run (one kind of data that cannot be purged must not keep every other
    kind past its time); the job then fails, so that the failure is seen."""
    runs, failed = [], []
    for rule in registry.rules():
        try:
            runs.append(retention_run(rule, now=now))
        except Exception:
            logger.exception("retention %s failed; the other rules still run", rule.code)
            failed.append(rule.code)
    if failed:
        raise RetentionFailed(failed, runs)
    return runs


class RetentionFailed(Exception):
    """Some retention rules failed (their codes); ``runs``: what the others did."""

    def __init__(self, codes: list[str], runs: list[RetentionRun]):
        super().__init__("retention rules failed: " + ", ".join(codes))
        self.codes, self.runs = codes, runs
