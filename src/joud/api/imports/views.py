"""The dashboard's import pages: upload, preview (nothing saved), save all, undo, and the
rejected rows to download. Each member imports the lists of their role (beneficiaries:
caseworkers; donors' offline gifts: finance officers; volunteers: coordinators; everything:
administrators)."""

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
from joud.api.models import ImportBatch
from joud.api.tasks import import_commit_task
from joud.core.errors import BusinessError
from joud.core.spreadsheet import safe_row
from joud.organizations.access import organization_member_required
from joud.organizations.models import Membership

Role = Membership.Role
importer_required = organization_member_required(
    Role.ADMIN, Role.CASEWORKER, Role.FINANCE, Role.COORDINATOR
)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The file holds"))
    file = forms.FileField(label=gettext_lazy("CSV or Excel (.xlsx) file"))

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ImportBatch.Kind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".csv,.xlsx"})


def _batches(request):
    """The organization's imports of the kinds the member may import."""
    kinds = services.kinds_for(request.membership.role)
    return ImportBatch.objects.filter(organization=request.organization, kind__in=kinds)


@importer_required
def import_list(request):
    org = request.organization
    kinds = services.kinds_for(request.membership.role)
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
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
    labels = dict(ImportBatch.Kind.choices)
    columns = [
        (labels[kind], services.KINDS[kind].COLUMNS, getattr(services.KINDS[kind], "OPTIONAL", ()))
        for kind in kinds
    ]
    context = {
        "organization": org,
        "form": form,
        "batches": _batches(request)[:20],
        "columns": columns,
    }
    return render(request, "api/imports.html", context, status=status)


@importer_required
def import_detail(request, pk: int):
    batch = get_object_or_404(_batches(request), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "commit":
                if batch.state != ImportBatch.State.PREVIEW:
                    raise BusinessError(_("This import was already saved or undone."))
                import_commit_task.enqueue(
                    batch_id=batch.pk,
                    actor_id=request.user.pk,
                    ip=request.META.get("REMOTE_ADDR"),
                )
                messages.info(request, _("The rows are being saved: this page shows how far."))
            elif action == "undo":
                services.import_undo(batch=batch, actor=request.user)
                messages.success(request, _("The import is undone."))
            else:
                messages.error(request, _("Choose what to do."))
        except BusinessError as exc:
            messages.error(request, str(exc))
        return redirect("api:import", pk=batch.pk)
    batch.refresh_from_db()
    context = {
        "organization": request.organization,
        "batch": batch,
        "rejected": batch.rejected,
        "progress": services.import_progress(batch),
    }
    return render(request, "api/import.html", context)


@require_GET
@importer_required
def import_rejected(request, pk: int):
    batch = get_object_or_404(_batches(request), pk=pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("line"), _("reason")])
    for row in services.rejected_csv_rows(batch):
        writer.writerow(safe_row(row))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-{batch.pk}.csv"'
    return response
