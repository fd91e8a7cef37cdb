"""Reads for beneficiary pages. Case files are read inside the organization's scope; the
ministry's reads return counts and duplicate alerts only, never personal data."""

from __future__ import annotations

from django.db.models import Count, Q

from joud.beneficiaries.matching.normalize import search_key
from joud.beneficiaries.matching.records import Weights
from joud.beneficiaries.models import (
    Appeal,
    Case,
    CaseAccessLog,
    DuplicateAlert,
    InKindOffer,
    MatcherState,
    Person,
    PublicCase,
)
from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Organization


def case_list(*, status: str = "", query: str = ""):
    cases = Case.objects.select_related("wilayat").annotate(member_count=Count("members"))
    if status:
        cases = cases.filter(status=status)
    if query:
        key = search_key(query)
        match = Q(reference__icontains=query) | Q(members__full_name__icontains=query)
        if key:
            match |= Q(members__search_name__icontains=key)
        cases = cases.filter(match)
    return cases.distinct().order_by("-created_at")


def case_file(*, reference: str) -> Case:
    """The case (inside the caller's organization scope) with everything the file shows."""
    return (
        Case.objects.select_related("wilayat", "organization")
        .prefetch_related("members", "documents", "assessments", "decisions", "status_history")
        .get(reference=reference)
    )


def appeals_for_case(case):
    return Appeal.objects.filter(case=case).order_by("-created_at")


def organizations_taking_applications():
    """Organizations whose public application form is open: the licensed ones."""
    return Organization.objects.filter(status=Organization.Status.ACTIVE)


def alerts_for_organization(organization, *, status: str = DuplicateAlert.Status.OPEN):
    qs = DuplicateAlert.objects.filter(
        Q(organization_a=organization) | Q(organization_b=organization)
    ).select_related("organization_a", "organization_b", "case_a", "case_b")
    return qs.filter(status=status) if status else qs


def alerts_for_case(case):
    return DuplicateAlert.objects.filter(Q(case_a=case) | Q(case_b=case)).select_related(
        "organization_a", "organization_b", "case_a", "case_b"
    )


def alerts_open_for_ministry():
    return DuplicateAlert.objects.filter(status=DuplicateAlert.Status.OPEN).select_related(
        "organization_a", "organization_b"
    )


def alerts_all():
    """Every alert (the ministry reviews them all; alerts hold no personal data)."""
    return DuplicateAlert.objects.all()


def alerts_on_same_cases(alert):
    """The other alerts between the same two cases (more people of one household matched)."""
    return DuplicateAlert.objects.filter(case_a=alert.case_a, case_b=alert.case_b).exclude(
        pk=alert.pk
    )


def alert_own_person(alert, organization) -> Person:
    """The person of ``organization`` in the pair (the other side stays hidden)."""
    with scopes_disabled():
        if alert.organization_a_id == organization.pk:
            return Person.objects.select_related("case").get(pk=alert.person_a_id)
        return Person.objects.select_related("case").get(pk=alert.person_b_id)


def access_log_for(organization=None):
    qs = CaseAccessLog.objects.select_related("user", "case", "organization")
    return qs.filter(organization=organization) if organization is not None else qs


def ministry_overview() -> dict:
    with scopes_disabled():
        by_org = list(
            Case.objects.values("organization__name_ar", "organization__slug")
            .annotate(
                total=Count("id"),
                open=Count("id", filter=Q(status__in=["submitted", "open", "assessed"])),
                approved=Count("id", filter=Q(status="approved")),
            )
            .order_by("-total")
        )
        by_category = list(
            Case.objects.values("category").annotate(total=Count("id")).order_by("-total")
        )
        by_status = list(
            Case.objects.values("status").annotate(total=Count("id")).order_by("status")
        )
        total = Case.objects.count()
    alerts = DuplicateAlert.objects.values("status").annotate(total=Count("id"))
    labels = dict(Case.Status.choices)
    cat_labels = dict(Case._meta.get_field("category").choices)
    for row in by_status:
        row["label"] = labels.get(row["status"], row["status"])
    for row in by_category:
        row["label"] = cat_labels.get(row["category"], row["category"])
    return {
        "total": total,
        "by_org": by_org,
        "by_category": by_category,
        "by_status": by_status,
        "alert_counts": {row["status"]: row["total"] for row in alerts},
        "matcher": MatcherState.objects.order_by("id").first(),
    }


def public_cases():
    with scopes_disabled():
        return list(
            PublicCase.objects.filter(status=PublicCase.Status.PUBLISHED)
            .select_related("organization", "wilayat")
            .order_by("-created_at")[:60]
        )


def public_case(code: str) -> PublicCase:
    with scopes_disabled():
        return PublicCase.objects.select_related("organization", "wilayat").get(code=code)


def offers_for_organization(organization):
    return InKindOffer.objects.filter(public_case__organization=organization).select_related(
        "public_case"
    )


def group_alerts_by_case_pair(alerts) -> list[dict]:
    """One row per pair of cases (a household registered twice shows once, with how many of
    its people matched), strongest first."""
    pairs: dict[tuple[int, int], dict] = {}
    for alert in alerts:
        row = pairs.setdefault(
            (alert.case_a_id, alert.case_b_id),
            {"first": alert, "people": 0, "score": alert.score, "alerts": []},
        )
        row["people"] += 1
        row["alerts"].append(alert)
        row["score"] = max(row["score"], alert.score)
    return sorted(pairs.values(), key=lambda r: -r["score"])


def alert_person(alert, side: str) -> Person:
    """One side's person of a pair ("a" or "b"), for a page that may show it (see the view)."""
    with scopes_disabled():
        return Person.objects.select_related("case", "case__wilayat").get(
            pk=getattr(alert, f"person_{side}_id")
        )


def review_counts(organization) -> dict[str, int]:
    """How many pairs of cases wait in each tab of the duplicate review: what the queue lists
    (one row per pair of cases, however many of their people matched), so a badge that shows
    the open count agrees with the list it opens."""
    rows = (
        DuplicateAlert.objects.filter(
            Q(organization_a=organization) | Q(organization_b=organization)
        )
        .order_by()
        .values("status", "case_a_id", "case_b_id")
        .distinct()
    )
    counts = dict.fromkeys(DuplicateAlert.Status.values, 0)
    for row in rows:
        counts[row["status"]] += 1
    return counts


def match_points(score: float, evidence: dict | None = None) -> int:
    """A pair's score on a scale out of 100 that people can read.

    The detector's score is log2 odds (each point doubles the odds that the two records are one
    person) and a pair is raised from the learnt threshold: there the reviewers' decisions go
    either way, so the threshold is 50 out of 100, each point above it halves the chance that
    the pair is two people (+1: 67, +3: 89, +5: 97), each point below it doubles it.
    """
    threshold = (evidence or {}).get("threshold")
    if threshold is None:
        threshold = Weights().threshold
    try:
        odds = 2.0 ** max(-60.0, min(60.0, float(score) - float(threshold)))
    except (TypeError, ValueError):
        return 0
    return round(100 * odds / (1 + odds))
