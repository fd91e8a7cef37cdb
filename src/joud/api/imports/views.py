"""The dashboard's import pages: upload, preview (nothing saved), save all, undo, and the
rejected rows to download. Caseworkers and administrators (the lists are of beneficiaries)."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from joud.api.imports import services
from joud.api.imports.beneficiaries import COLUMNS
from joud.api.models import ImportBatch
from joud.beneficiaries.access import caseworker_required
from joud.core.errors import BusinessError
from joud.core.spreadsheet import safe_row


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The file holds"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(label=gettext_lazy("CSV or Excel (.xlsx) file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".csv,.xlsx"})


def _batches(organization):
    return ImportBatch.objects.filter(organization=organization)


@caseworker_required
def import_list(request):
    org = request.organization
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_preview(
                organization=org,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                ip=request.META.get("REMOTE_ADDR"),
            )
        except BusinessError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("api:import", pk=batch.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "organization": org,
        "form": form,
        "batches": _batches(org)[:20],
        "columns": COLUMNS,
    }
    return render(request, "api/imports.html", context, status=status)


@caseworker_required
def import_detail(request, pk: int):
    batch = get_object_or_404(_batches(request.organization), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "commit":
                services.import_commit(
                    batch=batch, actor=request.user, ip=request.META.get("REMOTE_ADDR")
                )
                messages.success(request, _("Every row is saved."))
            elif action == "undo":
                services.import_undo(batch=batch, actor=request.user)
                messages.success(request, _("The import is undone."))
            else:
                messages.error(request, _("Choose what to do."))
        except BusinessError as exc:
            messages.error(request, str(exc))
        return redirect("api:import", pk=batch.pk)
    batch.refresh_from_db()
    return render(
        request,
        "api/import.html",
        {"organization": request.organization, "batch": batch, "rejected": batch.rejected},
    )


@require_GET
@caseworker_required
def import_rejected(request, pk: int):
    batch = get_object_or_404(_batches(request.organization), pk=pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("line"), _("reason")])
    for row in services.rejected_csv_rows(batch):
        writer.writerow(safe_row(row))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-{batch.pk}.csv"'
    return response
