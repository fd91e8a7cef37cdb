"""What beneficiaries' cases hold about a person, for ``joud.privacy``: a case's household, seen
and downloaded through the association (health included: it is the person's own), erased by
pseudonymising the people (decisions, amounts and the books keep their figures), and the
retention of access logs and closed cases."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models import Case, CaseAccessLog, CaseDocument, Debt, MatchKey, Person
from joud.core.tenancy import scopes_disabled
from joud.privacy.registry import (
    DataSubject,
    Note,
    RetentionRule,
    Source,
    register_rule,
    register_source,
)

ERASED_NAME = "—"


def _case(subject: DataSubject):
    if not subject.case_reference:
        return None
    with scopes_disabled():
        return Case.objects.filter(
            reference=subject.case_reference, organization_id=subject.organization_id
        ).first()


def collect(subject: DataSubject) -> list[dict]:
    case = _case(subject)
    if case is None:
        return []
    with scopes_disabled():
        rows = [
            {
                "case": case.reference,
                "category": case.category,
                "status": case.status,
                "wilayat": case.wilayat.name,
                "monthly_income": str(case.monthly_income or ""),
                "needs": case.needs,
                "decisions": [
                    {"outcome": d.outcome, "reason": d.reason, "at": d.created_at}
                    for d in case.decisions.all()
                ],
            }
        ]
        for p in Person.objects.filter(case=case):
            rows.append(
                {
                    "relation": p.relation,
                    "full_name": p.full_name,
                    "birth": p.birth_display,
                    "civil_id": p.civil_id,
                    "phone": p.phone,
                    "health_condition": p.health_condition,
                }
            )
    return rows


def _pseudonymise(people) -> int:
    keys = MatchKey.objects.filter(person__in=people)
    keys.delete()
    return people.update(
        full_name=ERASED_NAME,
        given_name="",
        father_name="",
        grandfather_name="",
        family_name="",
        search_name="",
        civil_id="",
        civil_id_index="",
        phone="",
        phone_index="",
        health_condition="",
        birth_day=None,
        birth_month=None,
    )


def erase(subject: DataSubject) -> list[Note]:
    case = _case(subject)
    if case is None:
        return []
    with scopes_disabled():
        people = _pseudonymise(Person.objects.filter(case=case))
        documents = CaseDocument.objects.filter(case=case)
        for document in documents:
            document.file.delete(save=False)
        removed, _kinds = documents.delete()
        Case.objects.filter(pk=case.pk).update(needs="")
    return [
        Note(
            str(_("Household members: names, civil IDs, phones, health")), "pseudonymised", people
        ),
        Note(str(_("Case documents")), "removed", removed),
        Note(
            str(_("The case's decisions and the aid paid")),
            "kept",
            1,
            str(
                _(
                    "The association's books and the ministry's oversight keep what was decided "
                    "and paid, without the names."
                )
            ),
        ),
    ]


def purge_access_logs(cutoff) -> tuple[int, int]:
    deleted, _kinds = CaseAccessLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted, 0


def purge_closed_cases(cutoff) -> tuple[int, int]:
    """Cases closed before ``cutoff``: the people pseudonymised, their documents removed."""
    with scopes_disabled():
        cases = Case.objects.filter(status=Case.Status.CLOSED, updated_at__lt=cutoff)
        people = Person.objects.filter(case__in=cases).exclude(full_name=ERASED_NAME)
        count = _pseudonymise(people)
        # The court's case number names the debtor's case: it goes with the person's name. The
        # creditor's or court's name and account stay with the payment made to them.
        Debt.objects.filter(case__in=cases).exclude(court_reference="").update(court_reference="")
        documents = CaseDocument.objects.filter(case__in=cases)
        for document in documents:
            document.file.delete(save=False)
        deleted, _kinds = documents.delete()
    return deleted, count


register_source(
    Source(
        key="cases",
        label=_("Beneficiary case"),
        collect=collect,
        erase=erase,
        position=30,
    )
)
register_rule(
    RetentionRule(
        code="access_logs",
        label=_("Access logs of case files"),
        days=5 * 365,
        purge=purge_access_logs,
    )
)
register_rule(
    RetentionRule(
        code="closed_cases",
        label=_("Closed cases"),
        days=5 * 365,
        purge=purge_closed_cases,
    )
)
