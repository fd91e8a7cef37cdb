"""Reviewing suspected duplicates: an association sees its own side of each pair (the other
association's person stays hidden); the ministry sees the evidence of every pair."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joud.beneficiaries import access, forms, selectors, services
from joud.beneficiaries.models import CaseAccessLog, DuplicateAlert
from joud.beneficiaries.views.helpers import attempt, client_ip


@access.caseworker_required
def duplicates(request):
    status = request.GET.get("status", DuplicateAlert.Status.OPEN)
    if status not in DuplicateAlert.Status.values:
        status = DuplicateAlert.Status.OPEN
    alerts = selectors.alerts_for_organization(request.organization, status=status)
    pairs = selectors.group_alerts_by_case_pair(alerts[:300])
    counts = selectors.review_counts(request.organization)
    for row in pairs:
        row["points"] = selectors.match_points(row["score"], row["first"].evidence)
    return render(
        request,
        "beneficiaries/duplicates.html",
        {
            "pairs": pairs,
            "status": status,
            "tabs": [
                (value, label, counts[value]) for value, label in DuplicateAlert.Status.choices
            ],
            "organization": request.organization,
        },
    )


@access.caseworker_required
def duplicate_detail(request, alert_id):
    alert = get_object_or_404(
        selectors.alerts_for_organization(request.organization, status=""), pk=alert_id
    )
    mine = selectors.alert_own_person(alert, request.organization)
    # Comparing a person in review is logged even on GET: an audit record, not a change.
    services.access_log_record(
        case=mine.case,
        user=request.user,
        action=CaseAccessLog.Action.DUPLICATE_REVIEW,
        ip=client_ip(request),
    )
    return _duplicate_page(request, alert, mine)


@access.ministry_reviewer_required
def ministry_duplicate(request, alert_id):
    alert = get_object_or_404(selectors.alerts_all(), pk=alert_id)
    return _duplicate_page(request, alert, None)


def _duplicate_page(request, alert, mine):
    form = forms.DuplicateDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _result, ok = attempt(
            form,
            services.duplicate_decide,
            alert=alert,
            actor=request.user,
            same_person=form.cleaned_data["same_person"] == "1",
            note=form.cleaned_data["note"],
        )
        if ok:
            messages.success(request, _("Decision recorded."))
            return redirect(request.path)
    same_cases = list(selectors.alerts_on_same_cases(alert).select_related("person_a", "person_b"))
    for other in same_cases:
        other.points = selectors.match_points(other.score, other.evidence)
        other.own_person = _own_side(other, mine)
    left, right = _sides(alert, mine)
    return render(
        request,
        "beneficiaries/duplicate_detail.html",
        {
            "alert": alert,
            "mine": mine,
            "form": form,
            "sides": [left, right],
            "hidden_other": mine is not None and right["person"] is None,
            "evidence": _evidence(alert, left, right),
            "points": selectors.match_points(alert.score, alert.evidence),
            "same_cases": same_cases,
            "detail_url": "beneficiaries:duplicate_detail"
            if mine
            else "beneficiaries:ministry_duplicate",
        },
    )


def _own_side(alert, mine):
    """In another alert between the same two cases: the reviewer's own person (never the other
    association's)."""
    if mine is None:
        return None
    if alert.organization_a_id == mine.organization_id:
        return alert.person_a
    return alert.person_b


def _sides(alert, mine):
    """The two records, the reviewer's own first. A record is shown only to its own
    organization (both, when both cases are its own); the other side is its organization and
    case only, and the ministry sees neither person."""
    people = {"a": None, "b": None}
    if mine is not None:
        with_both = alert.organization_a_id == alert.organization_b_id
        for side in ("a", "b"):
            if with_both or getattr(alert, f"organization_{side}_id") == mine.organization_id:
                people[side] = selectors.alert_person(alert, side)
    order = ("a", "b")
    if mine is not None and alert.organization_a_id != mine.organization_id:
        order = ("b", "a")
    return [
        {
            "organization": getattr(alert, f"organization_{side}"),
            "case": getattr(alert, f"case_{side}"),
            "person": people[side],
            "values": _values(people[side]) if people[side] is not None else {},
        }
        for side in order
    ]


def _masked(secret: str) -> str:
    """The last three characters of an identifier: enough to compare with a paper, no more."""
    secret = (secret or "").strip()
    return f"•••{secret[-3:]}" if len(secret) > 3 else ""


_CONNECTORS = {"بن", "بنت", "ابن", "bin", "bint", "ibn"}


def _name_parts(person) -> tuple[str, str, str, str]:
    """The name's parts as the person's record spells them: the separate fields when they were
    filled, else the words of the full name (the connectors بن/بنت left out): given, father,
    grandfather when there are four or more, family last. For reading only: matching uses its
    own normalised split."""
    parts = (person.given_name, person.father_name, person.grandfather_name, person.family_name)
    if any(parts):
        return parts
    words = [w for w in (person.full_name or "").split() if w.lower() not in _CONNECTORS]
    if len(words) < 2:
        return (words[0] if words else "", "", "", "")
    middle = words[1:-1]
    return (words[0], middle[0] if middle else "", " ".join(middle[1:]), words[-1])


def _values(person) -> dict:
    """A record's values by field, each (type, value) for the page's formatting filters."""
    birth = None
    if person.birth_year and person.birth_month and person.birth_day:
        try:
            birth = ("date", dt.date(person.birth_year, person.birth_month, person.birth_day))
        except ValueError:
            birth = None
    if birth is None and person.birth_year:
        birth = ("year", person.birth_year)
    wilayat = getattr(person.case, "wilayat", None)
    given, father, grandfather, family = _name_parts(person)
    return {
        "given": ("text", given),
        "father": ("text", father),
        "grandfather": ("text", grandfather),
        "family": ("text", family),
        "sex": ("text", person.get_sex_display() if person.sex else ""),
        "birth_date": birth or ("text", ""),
        "phone": ("code", _masked(person.phone)),
        "civil_id": ("code", _masked(person.civil_id)),
        "wilayat": ("text", wilayat.name if wilayat else ""),
    }


# Lazy: this table is built at import, the page is read in its reader's language.
_STATES = {
    "agree": gettext_lazy("agrees"),
    "variant": gettext_lazy("agrees (another spelling)"),
    "typo": gettext_lazy("agrees but for a typo"),
    "nickname": gettext_lazy("a nickname of the same name"),
    "swapped": gettext_lazy("given and father's names swapped"),
    "one_digit": gettext_lazy("one digit apart (counted as unknown)"),
    "differ": gettext_lazy("differs"),
    "strong_differ": gettext_lazy("differs strongly"),
    "unknown": gettext_lazy("unknown on one side"),
}
AGREEING = {"agree", "variant", "swapped", "typo", "nickname"}
DIFFERING = {"differ", "strong_differ"}


def _evidence(alert, left, right):
    """Each field's agreement and its weight on the score's scale (log2 odds: +7 makes a pair
    128 times likelier the same person); alerts raised before issue 21 kept flat numbers."""
    labels = {
        "given": _("Given name"),
        "father": _("Father's name"),
        "grandfather": _("Grandfather's name"),
        "family": _("Family name"),
        "sex": _("Sex"),
        "birth_date": _("Date of birth"),
        "phone": _("Phone (blind index)"),
        "civil_id": _("Civil ID (blind index)"),
        "wilayat": _("Wilayat"),
    }
    fields = alert.evidence.get("fields")
    rows = []
    for key, label in labels.items():
        if fields is not None:
            item = fields.get(key) or {}
            weight, state = item.get("weight"), item.get("state", "unknown")
        else:  # the flat form of older alerts
            weight = alert.evidence.get(key)
            if weight is None or weight == 0:
                state = "unknown"
            else:
                state = "agree" if weight > 0 else "differ"
        rows.append(
            {
                "key": key,
                "label": label,
                "state": state,
                "agrees": state in AGREEING,
                "differs": state in DIFFERING,
                "state_text": _STATES.get(state, _STATES["unknown"]),
                "weight": weight,
                "strong": state == "strong_differ",
                # per side: (type, value), or None where the reader may not see the record
                "values": [
                    side["values"].get(key) if side["person"] is not None else None
                    for side in (left, right)
                ],
            }
        )
    return rows
