"""The organization's disbursement pages (finance officers and administrators): the list, a new
request, a request's page with its evidence and the next step, and the bank-transfer file."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from joud.core import uploads
from joud.core.errors import BusinessError
from joud.disbursements import access, selectors, services
from joud.disbursements.bankfile import bank_file_export
from joud.disbursements.forms import DisbursementForm, EvidenceForm, ReasonForm
from joud.organizations.access import organization_member_required

finance_required = organization_member_required(*access.FINANCE_ROLES)


def _form_error(form, exc: BusinessError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


@finance_required
def org_list(request):
    org = request.organization
    items = selectors.organization_disbursements(org)
    return render(
        request,
        "disbursements/org_list.html",
        {
            "organization": org,
            "items": items,
            "to_pay": selectors.bank_file_disbursements(org).count(),
        },
    )


@finance_required
def org_new(request):
    org = request.organization
    funds = selectors.spendable_funds(org)
    form = DisbursementForm(
        request.POST or None,
        funds=funds,
        initiatives=selectors.organization_initiatives(org),
        cases=selectors.payable_cases(org),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = next((a for a, _label in funds if str(a.pk) == data["source"]), None)
        initiative = (
            selectors.organization_initiatives(org).filter(pk=data["initiative"]).first()
            if data["initiative"]
            else None
        )
        case = (
            selectors.payable_cases(org).filter(pk=data["case"]).first() if data["case"] else None
        )
        try:
            item = services.disbursement_create(
                organization=org,
                actor=request.user,
                source=source,
                initiative=initiative,
                purpose=data["purpose"],
                amount=data["amount"],
                payee_kind=data["payee_kind"],
                payee_name=data["payee_name"],
                commercial_registration=data["commercial_registration"],
                case=case,
                bank_account=data["bank_account"],
                planned_on=data["planned_on"],
                details=data["details"],
            )
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Draft %(reference)s saved: add its evidence, then submit it.")
                % {"reference": item.reference},
            )
            return redirect("disbursements:org_detail", reference=item.reference)
    return render(request, "disbursements/org_new.html", {"organization": org, "form": form})


@finance_required
def org_detail(request, reference: str):
    item = get_object_or_404(selectors.organization_disbursement(request.organization, reference))
    return render(
        request,
        "disbursements/org_detail.html",
        {
            "item": item,
            "evidence": item.evidence.all(),
            "evidence_form": EvidenceForm(),
            "reason_form": ReasonForm(),
            "may_approve": access.may_approve(request.user, item),
            "needs_ministry": services.needs_ministry(item),
            "threshold": services.ministry_threshold(),
        },
    )


ACTIONS = {
    "submit": lambda item, user, reason: services.disbursement_submit(
        disbursement=item, actor=user
    ),
    "approve": lambda item, user, reason: services.disbursement_approve(
        disbursement=item, actor=user
    ),
    "reject": lambda item, user, reason: services.disbursement_reject(
        disbursement=item, actor=user, reason=reason
    ),
    "paid": lambda item, user, reason: services.disbursement_mark_paid(
        disbursement=item, actor=user
    ),
    "bounced": lambda item, user, reason: services.disbursement_bounce(
        disbursement=item, actor=user, reason=reason
    ),
}


@finance_required
@require_POST
def org_action(request, reference: str, action: str):
    """One step of the request (submit, approve, reject, paid, bounced); refusals are shown on
    the request's page in the user's language."""
    item = get_object_or_404(selectors.organization_disbursement(request.organization, reference))
    if action not in ACTIONS:
        raise Http404
    reason = (request.POST.get("reason") or "").strip()[:500]
    try:
        done = ACTIONS[action](item, request.user, reason)
    except BusinessError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("%(reference)s: %(state)s.")
            % {"reference": done.reference, "state": done.get_state_display()},
        )
    return redirect("disbursements:org_detail", reference=item.reference)


@finance_required
@require_POST
def org_evidence_add(request, reference: str):
    item = get_object_or_404(selectors.organization_disbursement(request.organization, reference))
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("disbursements:org_detail", reference=item.reference)
    try:
        services.evidence_add(
            disbursement=item,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            file=form.cleaned_data["file"],
            is_public=form.cleaned_data["is_public"],
        )
    except BusinessError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The document is added."))
    return redirect("disbursements:org_detail", reference=item.reference)


@finance_required
@require_GET
def org_evidence(request, reference: str, pk: int):
    """Any evidence file of the organization's own request (public or private), decrypted."""
    item = get_object_or_404(selectors.organization_disbursement(request.organization, reference))
    evidence = get_object_or_404(item.evidence.all(), pk=pk)
    try:
        return uploads.download_response(evidence, fallback_name=evidence.get_kind_display())
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc


@finance_required
@require_GET
def org_bank_file(request):
    """Approved payments still to transfer, one line each, for the bank's bulk upload."""
    org = request.organization
    body = bank_file_export(organization=org, actor=request.user)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="joud-{org.slug}-transfers-{stamp}.csv"'
    )
    add_never_cache_headers(response)  # payees' names and bank accounts: never cached
    return response
