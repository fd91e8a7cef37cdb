"""Reviewing suspected duplicates: an association sees its own side of each pair (the other
association's person stays hidden); the ministry sees the evidence of every pair."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from joud.beneficiaries import access, forms, selectors, services
from joud.beneficiaries.models import CaseAccessLog, DuplicateAlert
from joud.beneficiaries.views.helpers import attempt, client_ip


@access.caseworker_required
def duplicates(request):
    status = request.GET.get("status", DuplicateAlert.Status.OPEN)
    alerts = selectors.alerts_for_organization(request.organization, status=status)
    return render(
        request,
        "beneficiaries/duplicates.html",
        {
            "pairs": selectors.group_alerts_by_case_pair(alerts[:300]),
            "status": status,
            "statuses": DuplicateAlert.Status.choices,
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
    return render(
        request,
        "beneficiaries/duplicate_detail.html",
        {
            "alert": alert,
            "mine": mine,
            "form": form,
            "evidence": _evidence(alert),
            "threshold": alert.evidence.get("threshold"),
            "same_cases": selectors.alerts_on_same_cases(alert),
            "detail_url": "beneficiaries:duplicate_detail"
            if mine
            else "beneficiaries:ministry_duplicate",
        },
    )


_STATES = {
    "agree": _("agrees"),
    "variant": _("agrees (another spelling)"),
    "typo": _("agrees but for a typo"),
    "nickname": _("a nickname of the same name"),
    "swapped": _("given and father's names swapped"),
    "one_digit": _("one digit apart (counted as unknown)"),
    "differ": _("differs"),
    "strong_differ": _("differs strongly"),
    "unknown": _("unknown on one side"),
}


def _evidence(alert):
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
                "label": label,
                "state": state,
                "state_text": _STATES.get(state, state),
                "weight": weight,
                "strong": state == "strong_differ",
            }
        )
    return rows
