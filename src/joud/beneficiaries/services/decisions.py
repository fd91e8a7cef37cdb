"""Assessments, decisions and appeals: the steps that move a case through its statuses.

Every move is checked against ``TRANSITIONS``, recorded in the case's status history and audited.
An appeal is decided by someone other than who recorded it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.checklists import checklist_for, evaluate_checklist
from joud.beneficiaries.models import (
    Appeal,
    Case,
    CaseDecision,
    CaseStatusChange,
    EligibilityAssessment,
)
from joud.core.audit import audit_log
from joud.core.errors import BusinessError

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
