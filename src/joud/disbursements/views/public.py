"""Public pages of money out: an evidence file of a booked payment (an invoice, a delivery
photo), and debt relief's national figures (counts and amounts only)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joud.core import uploads
from joud.disbursements import selectors


@require_GET
def public_evidence(request, pk: int):
    evidence = selectors.public_evidence(pk)
    if evidence is None:
        raise Http404
    try:
        return uploads.download_response(evidence, fallback_name=evidence.get_kind_display())
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc


@require_GET
def debt_relief(request):
    return render(
        request,
        "disbursements/debt_relief.html",
        {"figures": selectors.debt_relief_figures()},
    )
