"""Beneficiary cases: every write goes through here (keyword-only, in a transaction, audited)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries import crypto
from joud.beneficiaries.checklists import checklist_for, evaluate_checklist
from joud.beneficiaries.matching.detector import (
    Detector,
    PersonRecord,
    Weights,
    calibrate_threshold,
)
from joud.beneficiaries.matching.normalize import normalize_civil_id, normalize_phone, tokenize
from joud.beneficiaries.models import (
    Appeal,
    Case,
    CaseAccessLog,
    CaseDecision,
    CaseDocument,
    CaseStatusChange,
    DuplicateAlert,
    EligibilityAssessment,
    InKindOffer,
    MatcherState,
    MatchKey,
    Person,
    PublicCase,
    new_code,
)
from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled

CONSENT_TEXT = _(
    "I agree that the association records my household's data, including civil ID numbers and "
    "phone numbers, to assess my application; that it is kept encrypted; that every access is "
    "logged; and that it is compared, without being shown, with other licensed associations' "
    "records to avoid duplicate aid."
)

# Which statuses a case may move to from each status (decisions and appeals move it too).
TRANSITIONS = {
    Case.Status.SUBMITTED: {Case.Status.OPEN, Case.Status.REJECTED, Case.Status.CLOSED},
    Case.Status.OPEN: {Case.Status.ASSESSED, Case.Status.CLOSED, Case.Status.REJECTED},
    Case.Status.ASSESSED: {
        Case.Status.APPROVED,
        Case.Status.REJECTED,
        Case.Status.OPEN,
        Case.Status.CLOSED,
    },
    Case.Status.APPROVED: {Case.Status.CLOSED, Case.Status.OPEN},
    Case.Status.REJECTED: {Case.Status.APPEALED, Case.Status.CLOSED},
    Case.Status.APPEALED: {Case.Status.APPROVED, Case.Status.REJECTED},
    Case.Status.CLOSED: {Case.Status.OPEN},
}


# --- helpers ------------------------------------------------------------------------------------


def _money(value, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = quantize(Decimal(str(value)))
    except (InvalidOperation, ValueError) as exc:
        raise BusinessError(_("Enter an amount in rials, e.g. 120.500."), field=field) from exc
    if amount < 0:
        raise BusinessError(_("An amount cannot be negative."), field=field)
    return amount


def _validate_birth(year, month, day) -> tuple[int | None, int | None, int | None]:
    year = int(year) if year else None
    month = int(month) if month else None
    day = int(day) if day else None
    this_year = timezone.localdate().year
    if year is not None and not 1900 <= year <= this_year:
        raise BusinessError(_("The year of birth is not valid."), field="birth_year")
    if month is not None and not 1 <= month <= 12:
        raise BusinessError(_("The month of birth must be between 1 and 12."), field="birth_month")
    if day is not None and not 1 <= day <= 31:
        raise BusinessError(_("The day of birth must be between 1 and 31."), field="birth_day")
    if (month or day) and not year:
        raise BusinessError(_("Give the year of birth too."), field="birth_year")
    return year, month, day


def _set_status(*, case: Case, to: str, actor, reason: str = "") -> None:
    if to not in TRANSITIONS.get(case.status, set()):
        raise BusinessError(
            _("A case that is “%(from)s” cannot become “%(to)s”.")
            % {"from": case.get_status_display(), "to": Case.Status(to).label}
        )
    CaseStatusChange.objects.create(
        organization=case.organization,
        case=case,
        from_status=case.status,
        to_status=to,
        reason=reason,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    previous, case.status = case.status, to
    case.save(update_fields=["status", "updated_at"])
    audit_log(
        action="joud.case.status_changed",
        actor=actor,
        target=case,
        data={"from": previous, "to": to},
    )


# --- cases and people ---------------------------------------------------------------------------


@transaction.atomic
def case_create(
    *,
    organization,
    actor,
    kind: str,
    category: str,
    wilayat,
    applicant: dict,
    monthly_income=None,
    needs: str = "",
    consent_given: bool,
    source: str = Case.Source.CASEWORKER,
) -> Case:
    if not consent_given:
        raise BusinessError(
            _("The applicant's consent must be recorded before their data is stored."),
            field="consent_given",
        )
    if not organization.is_licensed:
        raise BusinessError(_("This organization is not licensed to take cases."))
    case = Case.objects.create(
        organization=organization,
        reference=_unique_reference(),
        kind=kind,
        category=category,
        wilayat=wilayat,
        monthly_income=_money(monthly_income, field="monthly_income"),
        needs=needs.strip(),
        consent_given=True,
        consent_at=timezone.now(),
        consent_text=str(CONSENT_TEXT),
        source=source,
        status=Case.Status.SUBMITTED if source == Case.Source.INTAKE else Case.Status.OPEN,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    CaseStatusChange.objects.create(
        organization=organization, case=case, to_status=case.status, changed_by=case.created_by
    )
    audit_log(
        action="joud.case.created",
        actor=actor,
        target=case,
        data={"reference": case.reference, "source": source, "category": category},
    )
    person_add(case=case, actor=actor, relation=Person.Relation.APPLICANT, **applicant)
    return case


def _unique_reference() -> str:
    with scopes_disabled():
        while True:
            code = new_code("CS")
            if not Case.objects.filter(reference=code).exists():
                return code


@transaction.atomic
def person_add(
    *,
    case: Case,
    actor,
    relation: str,
    full_name: str,
    sex: str = "",
    birth_year=None,
    birth_month=None,
    birth_day=None,
    civil_id: str = "",
    phone: str = "",
    monthly_income=None,
    check_duplicates: bool = True,
) -> Person:
    full_name = " ".join((full_name or "").split())
    if len(tokenize(full_name)) < 2:
        raise BusinessError(
            _("Write at least the given name and the father's or family name."), field="full_name"
        )
    year, month, day = _validate_birth(birth_year, birth_month, birth_day)
    civil = normalize_civil_id(civil_id)
    if civil_id and not 6 <= len(civil) <= 10:
        raise BusinessError(_("A civil ID number has 6 to 10 digits."), field="civil_id")
    phone_n = normalize_phone(phone)
    if phone and not re.fullmatch(r"[279]\d{7}", phone_n):
        raise BusinessError(_("Enter an Omani phone number of 8 digits."), field="phone")
    person = Person.objects.create(
        organization=case.organization,
        case=case,
        relation=relation,
        full_name=full_name,
        search_name=search_key(full_name),
        sex=sex or "",
        birth_year=year,
        birth_month=month,
        birth_day=day,
        civil_id=civil,
        civil_id_index=crypto.blind_index(civil, purpose="civil_id"),
        phone=phone_n,
        phone_index=crypto.blind_index(phone_n, purpose="phone"),
        monthly_income=_money(monthly_income, field="monthly_income"),
    )
    _store_match_keys(person)
    audit_log(
        action="joud.case.person_added",
        actor=actor,
        target=case,
        data={"person": person.pk, "relation": relation},
    )
    if check_duplicates:
        duplicates_check_person(person=person)
    return person


# --- matching glue ------------------------------------------------------------------------------


def search_key(text: str) -> str:
    """A name as searched: canonical tokens, so أحمد finds احمد and Mohammed finds محمد."""
    return " ".join(t.text for t in tokenize(text))[:200]


def person_record(person: Person) -> PersonRecord:
    return PersonRecord(
        id=person.pk,
        organization=person.organization_id,
        full_name=person.full_name,
        sex=person.sex,
        birth_year=person.birth_year,
        birth_month=person.birth_month,
        birth_day=person.birth_day,
        phone_hash=person.phone_index,
        civil_hash=person.civil_id_index,
        wilayat=person.case.wilayat_id,
        case=person.case_id,
    )


def _hashed_keys(record: PersonRecord) -> list[str]:
    from joud.beneficiaries.matching.detector import _Prep

    return sorted(
        {
            crypto.blind_index(repr(k), purpose="block")
            for k in Detector.block_keys(_Prep(-1, record))
        }
    )


def _store_match_keys(person: Person) -> None:
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
        for pk, name in Person.objects.values_list("pk", "full_name").iterator():
            detector.add(PersonRecord(id=pk, full_name=name))
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


def _can_review(alert: DuplicateAlert, user) -> bool:
    if getattr(user, "is_ministry_reviewer", False):
        return True
    return user.memberships.filter(
        is_active=True,
        role__in=["caseworker", "admin"],
        organization_id__in=[alert.organization_a_id, alert.organization_b_id],
    ).exists()


@transaction.atomic
def duplicate_decide(*, alert: DuplicateAlert, actor, same_person: bool, note: str = "") -> None:
    alert = DuplicateAlert.objects.select_for_update().get(pk=alert.pk)
    if not _can_review(alert, actor):
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


# --- documents, assessment, decisions, appeals --------------------------------------------------


@transaction.atomic
def document_add(*, case: Case, actor, kind: str, file, note: str = "") -> CaseDocument:
    if file is None:
        raise BusinessError(_("Choose a file to upload."), field="file")
    if file.size > 10 * 1024 * 1024:
        raise BusinessError(_("The file is larger than 10 MB."), field="file")
    doc = CaseDocument.objects.create(
        organization=case.organization,
        case=case,
        kind=kind,
        file=file,
        note=note.strip(),
        uploaded_by=actor,
    )
    audit_log(action="joud.case.document_added", actor=actor, target=case, data={"kind": kind})
    return doc


@transaction.atomic
def assessment_record(
    *, case: Case, actor, category: str, answers: dict[str, bool], notes: str = ""
) -> EligibilityAssessment:
    items = checklist_for(category)
    checklist = {key: bool(answers.get(key)) for key, _label, _req in items}
    eligible = evaluate_checklist(category, checklist)
    zakat_items = {key: bool(answers.get(key)) for key, _label, _req in checklist_for("zakat")}
    zakat_eligible = evaluate_checklist("zakat", zakat_items)
    assessment = EligibilityAssessment.objects.create(
        organization=case.organization,
        case=case,
        category=category,
        checklist={**zakat_items, **checklist},
        eligible=eligible,
        zakat_eligible=zakat_eligible,
        notes=notes.strip(),
        assessed_by=actor,
    )
    if case.status in (Case.Status.SUBMITTED,):
        _set_status(case=case, to=Case.Status.OPEN, actor=actor)
    if case.status == Case.Status.OPEN:
        _set_status(case=case, to=Case.Status.ASSESSED, actor=actor, reason=notes)
    audit_log(
        action="joud.case.assessed",
        actor=actor,
        target=case,
        data={"eligible": eligible, "zakat_eligible": zakat_eligible, "category": category},
    )
    return assessment


@transaction.atomic
def case_decide(*, case: Case, actor, outcome: str, reason: str) -> CaseDecision:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise BusinessError(_("Write the reason for the decision."), field="reason")
    target = {
        CaseDecision.Outcome.APPROVE: Case.Status.APPROVED,
        CaseDecision.Outcome.REJECT: Case.Status.REJECTED,
        CaseDecision.Outcome.CLOSE: Case.Status.CLOSED,
    }[outcome]
    if outcome == CaseDecision.Outcome.APPROVE:
        latest = case.assessments.first()
        if latest is None or not latest.eligible:
            raise BusinessError(_("A case is approved only after an assessment found it eligible."))
    _set_status(case=case, to=target, actor=actor, reason=reason)
    decision = CaseDecision.objects.create(
        organization=case.organization, case=case, outcome=outcome, reason=reason, decided_by=actor
    )
    audit_log(action="joud.case.decided", actor=actor, target=case, data={"outcome": outcome})
    return decision


@transaction.atomic
def appeal_record(*, case: Case, actor, grounds: str) -> Appeal:
    grounds = (grounds or "").strip()
    if len(grounds) < 5:
        raise BusinessError(_("Write the grounds of the appeal."), field="grounds")
    if case.status != Case.Status.REJECTED:
        raise BusinessError(_("Only a rejected case can be appealed."))
    _set_status(case=case, to=Case.Status.APPEALED, actor=actor, reason=grounds)
    appeal = Appeal.objects.create(
        organization=case.organization, case=case, grounds=grounds, recorded_by=actor
    )
    audit_log(action="joud.case.appealed", actor=actor, target=case)
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, actor, upheld: bool, reason: str) -> None:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise BusinessError(_("Write the reason for the decision."), field="reason")
    if appeal.status != Appeal.Status.OPEN:
        raise BusinessError(_("This appeal has already been decided."))
    if appeal.recorded_by_id and appeal.recorded_by_id == getattr(actor, "pk", None):
        raise BusinessError(_("The appeal must be decided by someone other than who recorded it."))
    appeal.status = Appeal.Status.UPHELD if upheld else Appeal.Status.DISMISSED
    appeal.decision_reason = reason
    appeal.save()
    case = appeal.case
    _set_status(
        case=case,
        to=Case.Status.APPROVED if upheld else Case.Status.REJECTED,
        actor=actor,
        reason=reason,
    )
    CaseDecision.objects.create(
        organization=case.organization,
        case=case,
        outcome=CaseDecision.Outcome.APPROVE if upheld else CaseDecision.Outcome.REJECT,
        reason=reason,
        on_appeal=True,
        decided_by=actor,
    )
    audit_log(action="joud.case.appeal_decided", actor=actor, target=case, data={"upheld": upheld})


# --- privacy ------------------------------------------------------------------------------------


def access_log_record(*, case: Case, user, action: str, reason: str = "", ip=None) -> None:
    CaseAccessLog.objects.create(
        case=case,
        organization_id=case.organization_id,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        reason=reason,
        ip_address=ip,
    )


@transaction.atomic
def case_export(*, case: Case, user, reason: str, ip=None) -> str:
    """The case file as text, only with a recorded reason."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise BusinessError(
            _("Write why the case file is being exported (at least 10 characters)."),
            field="reason",
        )
    access_log_record(
        case=case, user=user, action=CaseAccessLog.Action.EXPORT, reason=reason, ip=ip
    )
    audit_log(action="joud.case.exported", actor=user, target=case, data={"reason": reason})
    labels = {
        "case": _("Case"),
        "org": _("Organization"),
        "category": _("Category"),
        "status": _("Status"),
        "wilayat": _("Wilayat"),
        "income": _("Monthly household income (OMR)"),
        "needs": _("Needs"),
        "civil": _("civil ID"),
        "phone": _("phone"),
    }
    lines = [
        "{}: {}".format(labels["case"], case.reference),
        "{}: {}".format(labels["org"], case.organization.name),
        "{}: {}".format(labels["category"], case.get_category_display()),
        "{}: {}".format(labels["status"], case.get_status_display()),
        "{}: {}".format(labels["wilayat"], case.wilayat.name),
        "{}: {}".format(labels["income"], case.monthly_income or ""),
        "{}: {}".format(labels["needs"], case.needs),
        "",
    ]
    for p in case.members.all():
        lines.append(
            "{}: {} | {} | {} {} | {} {}".format(
                p.get_relation_display(),
                p.full_name,
                p.birth_display,
                labels["civil"],
                p.civil_id,
                labels["phone"],
                p.phone,
            )
        )
    lines.append("")
    for d in case.decisions.all():
        lines.append(f"{d.created_at:%Y-%m-%d} {d.get_outcome_display()}: {d.reason}")
    return "\n".join(lines) + "\n"


def rotate_keys() -> int:
    """Re-encrypt every stored identifier with the newest key (the first of JOUD_FIELD_KEYS)."""
    from django.db import connection

    count = 0
    for model, fields in ((Person, ("civil_id", "phone")), (InKindOffer, ("donor_phone",))):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {', '.join(fields)} FROM {table}")  # noqa: S608
            rows = cursor.fetchall()
            for row in rows:
                tokens = [crypto.rotate_token(t) if t else t for t in row[1:]]
                sets = ", ".join(f"{f} = %s" for f in fields)
                cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*tokens, row[0]])  # noqa: S608
                count += 1
    audit_log(action="joud.case.keys_rotated", data={"rows": count})
    return count


# --- giving to a verified case ------------------------------------------------------------------


def _story_leaks_personal_data(case: Case, text: str) -> bool:
    norm = {t.text for t in tokenize(text)}
    digits = re.sub(r"\D", "", text)
    for p in case.members.all():
        tokens = tokenize(p.full_name)
        if tokens and tokens[0].text in norm and (len(tokens) < 2 or tokens[-1].text in norm):
            return True
        for ident in (p.civil_id, p.phone):
            if ident and ident in digits:
                return True
    return False


@transaction.atomic
def public_case_publish(
    *,
    case: Case,
    actor,
    title_ar: str,
    story_ar: str,
    amount_needed,
    title_en: str = "",
    story_en: str = "",
    needed_items: str = "",
    surplus_policy: str = PublicCase.Surplus.SIMILAR_CASES,
) -> PublicCase:
    if case.status != Case.Status.APPROVED:
        raise BusinessError(_("Only an approved case can be published for giving."))
    if hasattr(case, "public"):
        raise BusinessError(_("This case is already published."))
    amount = _money(amount_needed, field="amount_needed")
    if not amount:
        raise BusinessError(_("Enter the amount needed."), field="amount_needed")
    if not title_ar.strip() or len(story_ar.strip()) < 20:
        raise BusinessError(
            _("Write a title and a story of at least 20 characters."), field="story_ar"
        )
    for text in (title_ar, story_ar, title_en, story_en):
        if _story_leaks_personal_data(case, text):
            raise BusinessError(
                _("The public story must not contain names, civil IDs or phone numbers."),
                field="story_ar",
            )
    with scopes_disabled():
        while True:
            code = new_code("JC")
            if not PublicCase.objects.filter(code=code).exists():
                break
    public = PublicCase.objects.create(
        organization=case.organization,
        case=case,
        code=code,
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        story_ar=story_ar.strip(),
        story_en=story_en.strip(),
        category=case.category,
        wilayat=case.wilayat,
        amount_needed=amount,
        needed_items=needed_items.strip(),
        surplus_policy=surplus_policy,
    )
    audit_log(action="joud.case.published", actor=actor, target=case, data={"code": code})
    return public


@transaction.atomic
def public_case_add_funds(*, public_case: PublicCase, amount: Decimal) -> PublicCase:
    """For the money flow: record a confirmed gift; the case closes when funded. The surplus
    (beyond the amount needed) is reported and handled per ``surplus_policy``."""
    with scopes_disabled():
        pc = PublicCase.objects.select_for_update().get(pk=public_case.pk)
    if pc.status != PublicCase.Status.PUBLISHED:
        raise BusinessError(_("This case is no longer open for giving."))
    pc.amount_raised = quantize(pc.amount_raised + quantize(amount))
    if pc.amount_raised >= pc.amount_needed:
        pc.status = PublicCase.Status.FUNDED
    pc.save(update_fields=["amount_raised", "status", "updated_at"])
    audit_log(
        action="joud.case.funds_added",
        target=pc,
        organization=pc.organization,
        data={
            "amount": amount,
            "raised": pc.amount_raised,
            "surplus": max(Decimal(0), pc.amount_raised - pc.amount_needed),
            "surplus_policy": pc.surplus_policy,
        },
    )
    return pc


# --- in kind ------------------------------------------------------------------------------------


@transaction.atomic
def inkind_offer(
    *, public_case: PublicCase, description: str, quantity, donor_name: str, donor_phone: str
) -> InKindOffer:
    if public_case.status != PublicCase.Status.PUBLISHED:
        raise BusinessError(_("This case is no longer open for giving."))
    if len(description.strip()) < 3:
        raise BusinessError(_("Describe what you offer."), field="description")
    phone = normalize_phone(donor_phone)
    if not re.fullmatch(r"[79]\d{7}", phone):
        raise BusinessError(_("Enter an Omani phone number of 8 digits."), field="donor_phone")
    try:
        qty = int(quantity or 1)
    except ValueError as exc:
        raise BusinessError(_("Enter a quantity."), field="quantity") from exc
    if not 1 <= qty <= 10_000:
        raise BusinessError(_("Enter a quantity."), field="quantity")
    offer = InKindOffer.objects.create(
        public_case=public_case,
        description=description.strip(),
        quantity=qty,
        donor_name=donor_name.strip()[:120] or "-",
        donor_phone=phone,
    )
    audit_log(
        action="joud.inkind.offered", target=offer, organization=public_case.organization, data={}
    )
    return offer


INKIND_TRANSITIONS = {
    InKindOffer.Status.OFFERED: {InKindOffer.Status.ACCEPTED, InKindOffer.Status.DECLINED},
    InKindOffer.Status.ACCEPTED: {InKindOffer.Status.DELIVERED, InKindOffer.Status.DECLINED},
}


@transaction.atomic
def inkind_advance(*, offer: InKindOffer, actor, to: str) -> InKindOffer:
    if to not in INKIND_TRANSITIONS.get(offer.status, set()):
        raise BusinessError(_("This offer cannot move to that state."))
    offer.status = to
    offer.save(update_fields=["status", "updated_at"])
    audit_log(
        action=f"joud.inkind.{to}",
        actor=actor,
        target=offer,
        organization=offer.public_case.organization,
    )
    return offer


def matching_needs(description: str, cases) -> list:
    """Public cases whose listed needs share a word with the offer (normalised Arabic)."""
    wanted = {t.text for t in tokenize(description) if len(t.text) > 2}
    out = []
    for pc in cases:
        needs = {t.text for t in tokenize(pc.needed_items) if len(t.text) > 2}
        if wanted & needs:
            out.append(pc)
    return out


def alerts_involving(organization):
    return DuplicateAlert.objects.filter(
        Q(organization_a=organization) | Q(organization_b=organization)
    )
