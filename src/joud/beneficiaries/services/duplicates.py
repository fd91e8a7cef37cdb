"""Suspected duplicates across associations: blocking keys on entry, the check of a new person,
the nightly run over everyone, and reviewers' decisions (which move the threshold).

Nothing is ever merged: an alert names two people and the evidence (which fields agreed, no
personal data); the associations involved or the ministry decide.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries import crypto
from joud.beneficiaries.access import may_review_duplicate
from joud.beneficiaries.matching.detector import (
    Detector,
    PersonRecord,
    Weights,
    calibrate_threshold,
    record_block_keys,
)
from joud.beneficiaries.matching.evidence import civil_id_variants
from joud.beneficiaries.models import DuplicateAlert, MatcherState, MatchKey, Person
from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.tenancy import scopes_disabled


def civil_near_hashes(civil_id: str) -> tuple[str, ...]:
    """Blind indexes of the forms a civil ID shares with one a digit off (never the number)."""
    return tuple(crypto.blind_index(v, purpose="civil_near") for v in civil_id_variants(civil_id))


def person_record(person: Person) -> PersonRecord:
    """What the detector compares, the same fields the evaluation feeds it: the name's parts
    when the form gave them (the free text otherwise), hashed identifiers."""
    return PersonRecord(
        id=person.pk,
        organization=person.organization_id,
        full_name=person.full_name,
        given=person.given_name,
        father=person.father_name,
        grandfather=person.grandfather_name,
        family=person.family_name,
        sex=person.sex,
        birth_year=person.birth_year,
        birth_month=person.birth_month,
        birth_day=person.birth_day,
        phone_hash=person.phone_index,
        civil_hash=person.civil_id_index,
        civil_near=civil_near_hashes(person.civil_id) if person.civil_id else (),
        wilayat=person.case.wilayat_id,
        case=person.case_id,
    )


def _hashed_keys(record: PersonRecord) -> list[str]:
    return sorted({crypto.blind_index(repr(k), purpose="block") for k in record_block_keys(record)})


def match_keys_store(person: Person) -> None:
    """Store the person's blocking keys (hashed), through which later entries find them."""
    keys = _hashed_keys(person_record(person))
    MatchKey.objects.filter(person=person).delete()
    MatchKey.objects.bulk_create([MatchKey(person=person, key=k) for k in keys])


def matcher_state() -> MatcherState:
    state = MatcherState.objects.order_by("id").first()
    return state or MatcherState.objects.create()


def _reviewed_pairs() -> tuple[set, set]:
    rows = DuplicateAlert.objects.exclude(status=DuplicateAlert.Status.OPEN).values_list(
        "person_a_id", "person_b_id", "status"
    )
    not_dup = {(a, b) for a, b, s in rows if s == DuplicateAlert.Status.NOT_DUPLICATE}
    confirmed = {(a, b) for a, b, s in rows if s == DuplicateAlert.Status.CONFIRMED}
    return not_dup, confirmed


def statistics_refresh() -> dict:
    """Name-frequency tables from every person (names only), for checks on entry before the
    first nightly run has computed them."""
    detector = Detector()
    with scopes_disabled():
        rows = Person.objects.values_list(
            "pk", "full_name", "given_name", "father_name", "grandfather_name", "family_name"
        )
        for pk, name, given, father, grandfather, family in rows.iterator():
            detector.add(
                PersonRecord(
                    id=pk,
                    full_name=name,
                    given=given,
                    father=father,
                    grandfather=grandfather,
                    family=family,
                )
            )
    state = matcher_state()
    state.statistics = detector.statistics()
    state.save(update_fields=["statistics"])
    return state.statistics


def _detector() -> Detector:
    state = matcher_state()
    total = int(state.statistics.get("total", 0)) if state.statistics else 0
    with scopes_disabled():
        stale = not state.statistics or Person.objects.count() > 2 * total + 50
    if stale:  # none yet, or the population has more than doubled since the last run
        statistics_refresh()
        state.refresh_from_db()
    not_dup, confirmed = _reviewed_pairs()
    detector = Detector(
        Weights(threshold=state.threshold), not_duplicates=not_dup, confirmed_duplicates=confirmed
    )
    detector.load_statistics(state.statistics)
    return detector


def _raise_alert(detector: Detector, a: Person, b: Person, score: float) -> DuplicateAlert | None:
    if a.pk > b.pk:
        a, b = b, a
    alert, created = DuplicateAlert.objects.get_or_create(
        person_a=a,
        person_b=b,
        defaults={
            "case_a_id": a.case_id,
            "case_b_id": b.case_id,
            "organization_a_id": a.organization_id,
            "organization_b_id": b.organization_id,
            "score": round(score, 2),
            "evidence": detector.explain(person_record(a), person_record(b)),
        },
    )
    if created:
        audit_log(
            action="joud.duplicate.raised",
            target=alert,
            organization=a.organization,
            data={"cases": [a.case.reference, b.case.reference], "score": alert.score},
        )
    return alert if created else None


def duplicates_check_person(*, person: Person) -> list[DuplicateAlert]:
    """Check one new person against everyone on entry, through the stored blocking keys."""
    with scopes_disabled():
        record = person_record(person)
        keys = list(person.match_keys.values_list("key", flat=True))
        candidate_ids = (
            MatchKey.objects.filter(key__in=keys)
            .exclude(person_id=person.pk)
            .values_list("person_id", flat=True)
            .distinct()[:500]
        )
        candidates = list(
            Person.objects.filter(pk__in=list(candidate_ids)).select_related("case", "organization")
        )
        detector = _detector()
        if record.phone_hash:
            detector.phone_counts[record.phone_hash] = Person.objects.filter(
                phone_index=record.phone_hash
            ).count()
        alerts = []
        for other in candidates:
            score = detector.score_records(record, person_record(other))
            if score >= detector.w.threshold:
                alert = _raise_alert(detector, person, other, score)
                if alert:
                    alerts.append(alert)
        return alerts


def duplicates_detect_all() -> dict:
    """The batch run over every person (``manage.py detect_duplicates``)."""
    started = timezone.now()
    with scopes_disabled():
        persons = {
            p.pk: p for p in Person.objects.select_related("case", "organization").order_by("pk")
        }
        state = matcher_state()
        not_dup, confirmed = _reviewed_pairs()
        detector = Detector(
            Weights(threshold=state.threshold),
            not_duplicates=not_dup,
            confirmed_duplicates=confirmed,
        ).fit(person_record(p) for p in persons.values())
        result = detector.find()
        scores = {(min(x.a, x.b), max(x.a, x.b)): x.score for x in result.links}
        raised = 0
        with transaction.atomic():
            for group in result.groups:
                for i, a in enumerate(group):
                    for b in group[i + 1 :]:
                        score = scores.get((a, b))
                        if score is None:
                            score = detector.score_records(
                                person_record(persons[a]), person_record(persons[b])
                            )
                        if score < detector.w.threshold:
                            continue
                        if _raise_alert(detector, persons[a], persons[b], score):
                            raised += 1
            state.statistics = detector.statistics()
            state.last_run_at = timezone.now()
            state.last_run_summary = {
                "people": len(persons),
                "candidate_pairs": result.candidate_pairs,
                "groups": len(result.groups),
                "alerts_raised": raised,
                "seconds": round((timezone.now() - started).total_seconds(), 2),
            }
            state.save()
    return state.last_run_summary


@transaction.atomic
def duplicate_decide(*, alert: DuplicateAlert, actor, same_person: bool, note: str = "") -> None:
    alert = DuplicateAlert.objects.select_for_update().get(pk=alert.pk)
    if not may_review_duplicate(alert, actor):
        raise PermissionDeniedError(_("Only the associations involved or the ministry decide."))
    if alert.status != DuplicateAlert.Status.OPEN:
        raise BusinessError(_("This pair has already been reviewed."))
    alert.status = (
        DuplicateAlert.Status.CONFIRMED if same_person else DuplicateAlert.Status.NOT_DUPLICATE
    )
    alert.decided_by, alert.decided_at, alert.decision_note = actor, timezone.now(), note.strip()
    alert.save()
    audit_log(
        action="joud.duplicate.decided",
        actor=actor,
        target=alert,
        organization=alert.organization_a,
        data={"status": alert.status, "score": alert.score},
    )
    _learn_threshold()


def _learn_threshold() -> None:
    """Move the threshold to where reviewers' decisions say it belongs (within bounds)."""
    decided = DuplicateAlert.objects.exclude(status=DuplicateAlert.Status.OPEN).values_list(
        "score", "status"
    )
    decisions = [(s, st == DuplicateAlert.Status.CONFIRMED) for s, st in decided]
    state = matcher_state()
    new = calibrate_threshold(decisions, default=Weights().threshold)
    if new != state.threshold:
        audit_log(
            action="joud.duplicate.threshold_learnt",
            data={"from": state.threshold, "to": new, "decisions": len(decisions)},
        )
        state.threshold = new
        state.save(update_fields=["threshold"])
