"""Money pages: an organization's funds (finance staff) and each initiative's money in and out
(public)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from joud.core.errors import BusinessError
from joud.core.money import format_money
from joud.donations import selectors as donation_selectors
from joud.donations.access import FINANCE_ROLES
from joud.donations.finance import selectors
from joud.donations.finance.forms import DepositForm, RefundForm
from joud.donations.services import donation_refund
from joud.ledger import accounts as ledger_accounts
from joud.ledger.selectors import organization_accounts, organization_funds
from joud.ledger.services import ledger_deposit
from joud.organizations.access import organization_member_required


def initiative_money(request, code: str):
    initiative = selectors.initiative_by_code(code)
    if initiative is None:
        raise Http404
    # The figures, chart, payments out and timeline come from ``{% money_statement %}``
    # (joud.transparency: it joins the ledger, the disbursements and the final report).
    return render(request, "finance/initiative_money.html", {"initiative": initiative})


@require_GET
@organization_member_required(*FINANCE_ROLES)
def org_finance(request):
    """The funds, what the organization owes, and recent gifts. Money goes out only through
    ``joud.disbursements`` (a second person approves, the ministry above its threshold)."""
    org = request.organization
    funds, owed = selectors.owed_apart(organization_funds(org))
    return render(
        request,
        "finance/org_finance.html",
        {
            "organization": org,
            "funds": funds,
            "owed": owed,
            "deposit_form": _deposit_form(org, owed),
            "recent": donation_selectors.organization_recent_donations(org),
        },
    )


@organization_member_required(*FINANCE_ROLES)
def org_refund(request, reference: str):
    donation = get_object_or_404(
        donation_selectors.organization_donation(request.organization, reference)
    )
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            refund = donation_refund(
                donation=donation,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except BusinessError as exc:
            form.add_error(None, str(exc.message))
        else:
            if refund.state == refund.State.HELD:
                messages.warning(
                    request,
                    _(
                        "The gateway refunded %(refunded)s, not the %(asked)s asked: "
                        "refund %(reference)s is recorded as the gateway made it and held "
                        "for review."
                    )
                    % {
                        "refunded": format_money(refund.amount),
                        "asked": format_money(refund.requested_amount),
                        "reference": refund.reference,
                    },
                )
            else:
                messages.success(
                    request, _("Refund %(reference)s is done.") % {"reference": refund.reference}
                )
            return redirect("finance:org_finance")
    return render(request, "finance/org_refund.html", {"donation": donation, "form": form})


def _deposit_form(org, owed, data=None) -> DepositForm:
    into = [ledger_accounts.general_account(org)]
    if owed > 0:
        into.append(ledger_accounts.owed_account(org))
    return DepositForm(data, accounts=into)


@organization_member_required(*FINANCE_ROLES)
def org_deposit(request):
    """Pay the organization's own money in (POST only; errors shown on the finance page)."""
    org = request.organization
    if request.method != "POST":
        return redirect("finance:org_finance")
    _funds, owed = selectors.owed_apart(organization_funds(org))
    form = _deposit_form(org, owed, request.POST)
    if form.is_valid():
        account = get_object_or_404(organization_accounts(org), pk=form.cleaned_data["account"])
        try:
            ledger_deposit(
                account=account,
                amount=form.cleaned_data["amount"],
                reference=f"DEP-{org.pk}-{timezone.now():%Y%m%d%H%M%S%f}",
                actor=request.user,
            )
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The payment into the fund is recorded in the ledger."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("finance:org_finance")
