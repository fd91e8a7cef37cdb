"""Import services, the same for every kind of list: preview (every row checked through the
real services, then all rolled back), commit (all rows or none, as a task with its progress),
undo within a day, a report of the rejected rows.

Each kind is a module (``beneficiaries``, ``donors``, ``volunteers``) that says what its list
holds and how one row is saved: ``COLUMNS`` (and ``OPTIONAL``, read when present), ``ROLES``
(who in the organization may import it), ``apply_row(organization, actor, row, memo)`` (one
row through the owning app's services; a ``BusinessError`` rejects it with its message in the
user's language), ``undo(batch, actor)``, and optionally ``matches(obj, looked)`` (what the
preview shows beside a row) and ``committed(batch)`` (what to remember for undo)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.api.imports import beneficiaries, donors, volunteers
from joud.api.imports.reading import read_rows
from joud.api.models import ImportBatch
from joud.beneficiaries.models import Case, CaseAccessLog
from joud.beneficiaries.services import access_log_record
from joud.core import crypto
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import organization_scope, scopes_disabled

UNDO_WITHIN = dt.timedelta(days=1)
PROGRESS_KEPT = 60 * 60  # seconds; a commit that died leaves no progress shown for ever
PREVIEW_KEPT = dt.timedelta(days=1)  # an unsaved preview's rows are personal data: not kept
KINDS = {
    ImportBatch.Kind.BENEFICIARIES: beneficiaries,
    ImportBatch.Kind.DONORS: donors,
    ImportBatch.Kind.VOLUNTEERS: volunteers,
}


def kinds_for(role: str) -> list[str]:
    """The kinds of list a member with ``role`` may import."""
    return [kind for kind, module in KINDS.items() if role in module.ROLES]


class _Rollback(Exception):
    pass


def run(
    module, organization, actor, rows: list[dict], progress=None
) -> tuple[list[dict], list[int], list[int]]:
    """Every row through the kind's ``apply_row``, each in its own savepoint: (report, ids
    made, other associations' cases matched). The caller decides whether the whole is kept
    (commit) or rolled back (preview). ``progress(rows_done)`` is called before each row."""
    report, created, looked, memo = [], [], [], {}
    matches = getattr(module, "matches", None)
    with organization_scope(organization):
        for line, row in enumerate(rows, start=2):  # line 1 is the header
            if progress is not None:
                progress(line - 2)
            entry = {"line": line, "error": "", "matches": []}
            try:
                with transaction.atomic():
                    made = module.apply_row(organization, actor, row, memo)
            except BusinessError as exc:
                entry["error"] = str(exc)
            else:
                if matches is not None:
                    entry["matches"] = matches(made, looked)
                created.append(made.pk)
            report.append(entry)
    return report, created, looked


def _dry_run(module, organization, actor, rows) -> tuple[list[dict], list[int]]:
    outcome = {}
    try:
        with transaction.atomic():
            outcome["report"], _created, outcome["looked"] = run(module, organization, actor, rows)
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
    rows = read_rows(upload, module.COLUMNS, getattr(module, "OPTIONAL", ()))
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


def _progress_key(batch_id: int) -> str:
    return f"api:import:{batch_id}:progress"


def import_progress(batch: ImportBatch) -> dict | None:
    """How far a commit under way is ({"done": n, "total": n}), None when none is. Kept in the
    shared cache: the commit's own rows are invisible to others until it ends."""
    return cache.get(_progress_key(batch.pk))


def import_commit(*, batch: ImportBatch, actor, ip=None) -> ImportBatch:
    """Every row saved, or none: one bad row and nothing is kept. Runs as a background task
    for the pages (``api.tasks.import_commit_task``), telling its progress as it goes."""
    key = _progress_key(batch.pk)
    try:
        return _commit(batch=batch, actor=actor, ip=ip, key=key)
    finally:
        cache.delete(key)


def _commit(*, batch: ImportBatch, actor, ip, key: str) -> ImportBatch:
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.PREVIEW or not batch.rows:
            raise BusinessError(_("This import was already saved or undone."))
        rows = json.loads(crypto.decrypt(batch.rows))
        total = len(rows)

        def progress(done: int) -> None:
            cache.set(key, {"done": done, "total": total}, PROGRESS_KEPT)

        module = KINDS[batch.kind]
        report, created, looked = run(module, batch.organization, actor, rows, progress=progress)
        if any(row["error"] for row in report) or not created:
            transaction.set_rollback(True)
            failed = True
        else:
            failed = False
            batch.state, batch.committed_at = ImportBatch.State.COMMITTED, timezone.now()
            batch.report, batch.created_ids, batch.rows = report, created, ""
            if hasattr(module, "committed"):
                with organization_scope(batch.organization):
                    module.committed(batch)
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
    """Within a day of the commit: the kind takes back what the import made (refused, with
    nothing changed, once something else depends on it)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.COMMITTED:
            raise BusinessError(_("Only a saved import can be undone."))
        if timezone.now() - batch.committed_at > UNDO_WITHIN:
            raise BusinessError(_("An import can be undone only within a day."))
        with organization_scope(batch.organization):
            KINDS[batch.kind].undo(batch, actor)
        batch.state, batch.undone_at = ImportBatch.State.UNDONE, timezone.now()
        batch.save(update_fields=["state", "undone_at", "updated_at"])
        audit_log(
            action="joud.import.undone",
            actor=actor,
            target=batch,
            data={"kind": batch.kind, "rows": len(batch.created_ids)},
        )
    return batch


def import_previews_purge(*, older_than: dt.timedelta = PREVIEW_KEPT) -> int:
    """Previews nobody saved: deleted with their encrypted rows once ``older_than`` old."""
    with scopes_disabled():
        deleted, _by_model = ImportBatch.objects.filter(
            state=ImportBatch.State.PREVIEW, created_at__lt=timezone.now() - older_than
        ).delete()
    return deleted


def rejected_csv_rows(batch: ImportBatch) -> list[list]:
    return [[row["line"], row["error"]] for row in batch.rejected]
