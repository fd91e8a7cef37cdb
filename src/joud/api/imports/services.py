"""Import services: preview (every row checked through the real services, then all rolled
back), commit (all rows or none), undo within a day (the cases made are deleted)."""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.api.imports import beneficiaries
from joud.api.imports.reading import read_rows
from joud.api.models import ImportBatch
from joud.beneficiaries.models import Case, CaseAccessLog
from joud.beneficiaries.services import access_log_record
from joud.core import crypto
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled

UNDO_WITHIN = dt.timedelta(days=1)
KINDS = {ImportBatch.Kind.BENEFICIARIES: beneficiaries}


class _Rollback(Exception):
    pass


def _dry_run(module, organization, actor, rows) -> tuple[list[dict], list[int]]:
    outcome = {}
    try:
        with transaction.atomic():
            outcome["report"], _created, outcome["looked"] = module.run(organization, actor, rows)
            raise _Rollback
    except _Rollback:
        pass
    return outcome["report"], outcome["looked"]


def _log_looks(*, looked: list[int], actor, batch: ImportBatch, ip) -> None:
    """Each other association's case a row was matched against: logged on that case as a
    comparison (its association and the ministry see who looked, when and from which file),
    whether the preview was kept or not."""
    if not looked:
        return
    reason = _("Matched by an import of %(organization)s (file %(file)s)") % {
        "organization": batch.organization.name,
        "file": batch.file_name,
    }
    with scopes_disabled():
        for case in Case.objects.filter(pk__in=set(looked)).order_by("pk"):
            access_log_record(
                case=case,
                user=actor,
                action=CaseAccessLog.Action.DUPLICATE_REVIEW,
                reason=str(reason),
                ip=ip,
            )


def import_preview(*, organization, actor, kind: str, upload, ip=None) -> ImportBatch:
    """Read the file and check every row as the commit would; nothing of it is kept but the
    access log of the other associations' cases the rows matched."""
    module = KINDS.get(kind)
    if module is None:
        raise BusinessError(_("Choose what the file holds."), field="kind")
    rows = read_rows(upload, module.COLUMNS)
    with transaction.atomic():
        report, looked = _dry_run(module, organization, actor, rows)
        batch = ImportBatch.objects.create(
            organization=organization,
            kind=kind,
            file_name=(upload.name or "")[-200:],
            rows=crypto.encrypt(json.dumps(rows, ensure_ascii=False)),
            report=report,
            created_by=actor,
        )
        _log_looks(looked=looked, actor=actor, batch=batch, ip=ip)
    return batch


def import_commit(*, batch: ImportBatch, actor, ip=None) -> ImportBatch:
    """Every row saved, or none: one bad row and nothing is kept."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.PREVIEW or not batch.rows:
            raise BusinessError(_("This import was already saved or undone."))
        rows = json.loads(crypto.decrypt(batch.rows))
        report, created, looked = KINDS[batch.kind].run(batch.organization, actor, rows)
        if any(row["error"] for row in report) or not created:
            transaction.set_rollback(True)
            failed = True
        else:
            failed = False
            batch.state, batch.committed_at = ImportBatch.State.COMMITTED, timezone.now()
            batch.report, batch.created_ids, batch.rows = report, created, ""
            batch.save()
            _log_looks(looked=looked, actor=actor, batch=batch, ip=ip)
            audit_log(
                action="joud.import.committed",
                actor=actor,
                target=batch,
                data={"kind": batch.kind, "rows": len(created)},
            )
    if failed:
        with transaction.atomic():
            ImportBatch.objects.filter(pk=batch.pk).update(report=report)
            _log_looks(looked=looked, actor=actor, batch=batch, ip=ip)
        raise BusinessError(
            _("Nothing was saved: correct the rejected rows and upload the file again.")
        )
    return batch


def import_undo(*, batch: ImportBatch, actor) -> ImportBatch:
    """Within a day of the commit: delete what the import made (refused once anything else
    hangs on it, such as a payment to one of the cases)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.COMMITTED:
            raise BusinessError(_("Only a saved import can be undone."))
        if timezone.now() - batch.committed_at > UNDO_WITHIN:
            raise BusinessError(_("An import can be undone only within a day."))
        try:
            Case.objects.filter(organization=batch.organization, pk__in=batch.created_ids).delete()
        except ProtectedError as exc:
            raise BusinessError(
                _("Some of the imported cases are already in use: undo is no longer possible.")
            ) from exc
        batch.state, batch.undone_at = ImportBatch.State.UNDONE, timezone.now()
        batch.save(update_fields=["state", "undone_at", "updated_at"])
        audit_log(
            action="joud.import.undone",
            actor=actor,
            target=batch,
            data={"kind": batch.kind, "rows": len(batch.created_ids)},
        )
    return batch


def rejected_csv_rows(batch: ImportBatch) -> list[list]:
    return [[row["line"], row["error"]] for row in batch.rejected]
