"""The consumer: applies the events the webhook accepted, in batches, exactly once.

The webhook only stores a verified event (``provider_events.payment_event_accept``). Here one or
several consumers (task workers, ``manage.py apply_payment_events``) claim the oldest waiting
events with ``SELECT … FOR UPDATE SKIP LOCKED`` (two consumers never take the same event), apply
up to ``BATCH`` of them in ONE transaction with the same decisions as an event applied in the
request (``outcomes.decide``: confirm, hold on a mismatch, fail, pend, noop for one that comes
out of order), and mark each applied (``processed_at``, ``result``) in that transaction: an
event is applied once, or not at all and then again later.

A batch that fails (a deadlock between two consumers, one event that breaks) is rolled back
and its events are applied one by one, each in its own transaction, so that one bad event never
blocks the rest. An event that failed alone is not tried again in the same run; after
``MAX_FAILURES`` runs it is left waiting, with its error, for a person: its result becomes
``failed``, an audit entry (``joud.payment_event.failed``) and an error in the log name it, and
/readyz counts it. Clearing ``apply_failures`` and ``result`` lets the consumer take it again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.donations import fastbatch
from joud.donations.models import PaymentAttempt
from joud.donations.outcomes import ApplyResult
from joud.donations.services.confirmation import after_result, apply_recorded_orm, use_fastpath
from joud.donations.services.refunds import chargeback_record, refund_event_check
from joud.payments.base import EventType, ProviderEvent
from joud.payments.models import WebhookEvent

logger = logging.getLogger(__name__)

BATCH = 300
MAX_FAILURES = 5
FAILED = "failed"  # the result of an event left for a person after MAX_FAILURES
_COLUMNS = (
    "id",
    "provider",
    "event_id",
    "event_type",
    "reference",
    "provider_reference",
    "amount",
    "currency",
    "fee",
    "body",
    "data",
)


@dataclass
class Drained:
    applied: int = 0
    batches: int = 0
    failed: int = 0
    # Events that failed alone in this run: not tried again before the next run.
    failed_ids: set[int] = field(default_factory=set)
    # Each claim starts after the last batch's newest event: applied events leave dead entries
    # at the head of the waiting index until a vacuum, which every claim would otherwise walk
    # through again. An event skipped meanwhile (locked by another consumer that then rolled
    # back) is taken by the next run, which starts from the beginning.
    floor: int = 0


def accepted_events_apply(
    *, batch: int = BATCH, max_batches: int | None = None, seconds: float | None = None
) -> Drained:
    """Apply waiting events, batch after batch, until none is waiting (or ``max_batches`` /
    ``seconds`` are spent). Safe to run in several processes at once."""
    drained = Drained()
    deadline = time.monotonic() + seconds if seconds is not None else None
    with scopes_disabled():  # a job across organizations, as the webhook is
        _drain(drained, batch, max_batches, deadline)
    return drained


def _drain(drained: Drained, batch: int, max_batches: int | None, deadline: float | None) -> None:
    while max_batches is None or drained.batches < max_batches:
        applied, failed, drained.floor = _apply_one_batch(batch, drained.failed_ids, drained.floor)
        if not applied and not failed:
            break
        drained.applied += applied
        drained.failed += len(failed)
        drained.failed_ids.update(failed)
        drained.batches += 1
        if deadline is not None and time.monotonic() >= deadline:
            break


def _claim(
    limit: int, ids: list[int] | None = None, skip: set[int] = frozenset(), after: int = 0
) -> list[tuple[int, ProviderEvent]]:
    waiting = WebhookEvent.objects.filter(processed_at__isnull=True, pk__gt=after)
    waiting = waiting.filter(pk__in=ids) if ids else waiting.filter(apply_failures__lt=MAX_FAILURES)
    if skip:
        waiting = waiting.exclude(pk__in=skip)
    rows = waiting.select_for_update(skip_locked=True).order_by("id").values_list(*_COLUMNS)
    # Applied in the order the gateway's events arrived; the attempts' locks are taken in that
    # order, and a deadlock with another consumer only sends both batches to the one-by-one path.
    return [(row[0], _event(row[1:])) for row in rows[:limit]]


def _event(row: tuple) -> ProviderEvent:
    provider, event_id, event_type, reference, provider_reference, amount, currency, fee, body = (
        row[:9]
    )
    data = row[9]
    return ProviderEvent(
        provider=provider,
        event_id=event_id,
        type=event_type,
        reference=reference,
        provider_reference=provider_reference,
        amount=quantize(amount, currency) if amount is not None else None,
        currency=currency,
        fee=quantize(fee),
        raw_body=body,
        data=data if isinstance(data, dict) else {},
    )


def _apply_one_batch(limit: int, skip: set[int], after: int) -> tuple[int, list[int], int]:
    """(events applied, ids of events that failed alone, the newest id claimed)."""
    try:
        with transaction.atomic():
            claimed = _claim(limit, skip=skip, after=after)
            results = _apply(claimed)
    except Exception:
        logger.exception("a batch of accepted events failed; applying them one by one")
        return _apply_one_by_one(limit, skip, after)
    for result in results:
        after_result(result)
    return len(claimed), [], max((pk for pk, _e in claimed), default=after)


def _apply_one_by_one(limit: int, skip: set[int], after: int) -> tuple[int, list[int], int]:
    with transaction.atomic():
        ids = [pk for pk, _event in _claim(limit, skip=skip, after=after)]
    applied, failed = 0, []
    for pk in ids:
        try:
            with transaction.atomic():
                claimed = _claim(1, [pk])
                results = _apply(claimed)
        except Exception as exc:
            logger.exception("accepted event %s could not be applied", pk)
            _failure_record(pk, exc)
            failed.append(pk)
            continue
        for result in results:
            after_result(result)
        applied += len(claimed)
    return applied, failed, max(ids, default=after)


def _failure_record(pk: int, exc: Exception) -> None:
    """Count a failed application of one event; at ``MAX_FAILURES`` the event stops being tried
    and is surfaced: its result says ``failed`` (counted by /readyz), an audit entry names it for
    the finance staff and the ministry's trail, and the log says so as an error."""
    with transaction.atomic():
        waiting = WebhookEvent.objects.select_for_update().filter(pk=pk, processed_at__isnull=True)
        event = waiting.first()
        if event is None:
            return  # applied meanwhile by another consumer
        event.apply_failures += 1
        event.apply_error = repr(exc)[:200]
        given_up = event.apply_failures == MAX_FAILURES
        if given_up:
            event.result = FAILED
        event.save(update_fields=["apply_failures", "apply_error", "result"])
        if not given_up:
            return
        attempt = (
            PaymentAttempt.unscoped.select_related("organization")
            .filter(reference=event.reference)
            .first()
        )
        audit_log(
            action="joud.payment_event.failed",
            target=event,
            organization=attempt.organization if attempt else None,
            data={
                "provider": event.provider,
                "event": event.event_id,
                "type": event.event_type,
                "reference": event.reference,
                "failures": event.apply_failures,
                "error": event.apply_error,
            },
        )
    logger.error(
        "accepted event %s (%s %s) failed %s times: left for a person",
        pk,
        event.provider,
        event.event_id,
        event.apply_failures,
    )


def _apply(claimed: list[tuple[int, ProviderEvent]]) -> list[ApplyResult]:
    """Apply the claimed events inside the caller's transaction and mark them applied. Returns
    the results whose after-commit work (messages, a case's funds) is still to do."""
    if not claimed:
        return []
    results: dict[int, ApplyResult] = {}
    outcomes = [(pk, event) for pk, event in claimed if event.outcome is not None]
    if outcomes:
        events = [event for _pk, event in outcomes]
        if use_fastpath():
            applied = fastbatch.apply_batch(events)
        else:
            applied = [apply_recorded_orm(event) for event in events]
        results.update(zip((pk for pk, _e in outcomes), applied, strict=True))
    answers = {pk: result.action for pk, result in results.items()}
    for pk, event in claimed:
        if event.outcome is not None:
            continue
        if event.type == EventType.CHARGEBACK_OPENED:
            answers[pk] = chargeback_record(event=event, recorded=True)
        elif event.type == EventType.REFUND_SUCCEEDED:
            answers[pk] = refund_event_check(event=event, recorded=True)
        else:
            answers[pk] = "ignored"
    _mark_applied(answers)
    return [results[pk] for pk, _event in outcomes]


def _mark_applied(answers: dict[int, str]) -> None:
    now = timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE payments_webhookevent e SET processed_at = %s, result = a.result"
                " FROM unnest(%s::bigint[], %s::text[]) AS a(id, result) WHERE e.id = a.id",
                [now, list(answers), list(answers.values())],
            )
        return
    for pk, answer in answers.items():
        WebhookEvent.objects.filter(pk=pk).update(processed_at=now, result=answer)
