"""Each retention job on constructed old data; the sensitive-field rule; a breach drill; the
storage-region check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.beneficiaries import services as case_services
from joud.beneficiaries.crypto import sensitive_fields
from joud.beneficiaries.models import CaseAccessLog, Person
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.models import OutboxMessage
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.donations.models import Donation
from joud.privacy import registry
from joud.privacy.models import Breach, RetentionRun
from joud.privacy.services import breaches
from joud.privacy.services.retention import retention_purge_all
from joud.settings.privacy import region_problems
from tests.donations.factories import make_donation
from tests.volunteering.factories import ApplicationFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def _age(queryset, days, field="created_at"):
    queryset.update(**{field: timezone.now() - dt.timedelta(days=days)})


def test_every_retention_job_purges_old_data_and_keeps_recent(initiative, case_a, caseworker_a):
    old_gift, _a = make_donation(
        initiative=initiative, donor_name="قديم", donor_phone="+96891111111"
    )
    new_gift, _b = make_donation(
        initiative=initiative, donor_name="جديد", donor_phone="+96892222222"
    )
    with scopes_disabled():
        _age(Donation.objects.filter(pk=old_gift.pk), 40)
        old_shift = ShiftFactory(
            starts_at=timezone.now() - dt.timedelta(days=400),
            ends_at=timezone.now() - dt.timedelta(days=399),
        )
    minor_old = ApplicationFactory(
        shift=old_shift, guardian_name="ولي", guardian_phone="+96893333333"
    )
    minor_new = ApplicationFactory(guardian_name="ولي", guardian_phone="+96894444444")
    OutboxMessage.objects.create(channel="sms", to="+96895555555", body="code 123456")
    _age(OutboxMessage.objects.all(), 2)
    case_services.access_log_record(case=case_a, user=caseworker_a, action="view")
    _age(CaseAccessLog.objects.all(), 6 * 365)
    with scopes_disabled():
        case_a.status = "closed"
        case_a.save()
        _age(type(case_a).objects.filter(pk=case_a.pk), 6 * 365, "updated_at")
    runs = {run.rule: run for run in retention_purge_all()}
    assert {r.code for r in registry.rules()} <= set(runs)
    with scopes_disabled():
        old_gift.refresh_from_db()
        new_gift.refresh_from_db()
        minor_old.refresh_from_db()
        minor_new.refresh_from_db()
        head = Person.objects.filter(case=case_a).first()
    assert (old_gift.donor_name, old_gift.donor_phone) == ("", "") and new_gift.donor_name == "جديد"
    assert runs["unpaid_attempts"].pseudonymised == 1
    assert minor_old.guardian_phone == "" and minor_new.guardian_phone == "+96894444444"
    assert runs["minor_volunteers"].pseudonymised == 1
    assert not OutboxMessage.objects.exists() and runs["sign_in_codes"].deleted == 1
    assert runs["access_logs"].deleted == 1 and not CaseAccessLog.objects.exists()
    assert head.civil_id == "" and runs["closed_cases"].pseudonymised >= 1
    assert RetentionRun.objects.count() == len(runs)
    # a second run finds nothing more to do
    assert all(r.deleted == r.pseudonymised == 0 for r in retention_purge_all())


def test_health_is_marked_encrypted_and_read_only_by_caseworkers_with_a_reason(
    case_a, caseworker_a, admin_a, caseworker_b
):
    assert sensitive_fields(Person) == ["health_condition"]
    scope = organization_scope(case_a.organization_id)
    scope.__enter__()
    head = case_a.head
    case_services.health_set(
        person=head, user=caseworker_a, condition="سكري", reason="متابعة العلاج الشهري"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT health_condition FROM beneficiaries_person WHERE id = %s", [head.pk])
        stored = cursor.fetchone()[0]
    assert stored and "سكري" not in stored  # encrypted at rest
    with pytest.raises(BusinessError):
        case_services.health_read(case=case_a, user=caseworker_a, reason="")
    shown = case_services.health_read(case=case_a, user=caseworker_a, reason="زيارة منزلية غدًا")
    assert shown[head.pk] == "سكري"
    for outsider in (admin_a, caseworker_b):
        with pytest.raises(PermissionDeniedError):
            case_services.health_read(case=case_a, user=outsider, reason="أريد الاطلاع فقط")
    logged = CaseAccessLog.objects.filter(case=case_a, action__in=["health", "health_set"])
    assert sorted(logged.values_list("action", flat=True)) == ["health", "health_set"]
    assert "سكري" not in case_services.case_export(
        case=case_a, user=caseworker_a, reason="طلب من الوزارة رقم ١٢"
    )
    scope.__exit__(None, None, None)


def test_breach_drill_notifies_within_72_hours(settings, donor, reviewer, mailoutbox=None):
    settings.JOUD_BREACH_AUTHORITY_EMAIL = "dpo@authority.example.om"
    discovered = timezone.now() - dt.timedelta(hours=5)
    breach = breaches.breach_record(
        title="تمرين: تسرب قائمة متبرعين",
        description="ملف أرسل إلى عنوان خاطئ",
        data_affected="أسماء وأرقام هواتف",
        people_affected=1,
        discovered_at=discovered,
        recorded_by=reviewer,
        is_drill=True,
    )
    assert breach.authority_due_at == discovered + dt.timedelta(hours=72)
    assert list(breaches.breaches_overdue(now=discovered + dt.timedelta(hours=61))) == [breach]
    with pytest.raises(BusinessError):
        breaches.breach_close(breach=breach, measures="", actor=reviewer)
    breaches.breach_notify_authority(breach=breach, actor=reviewer)
    assert breaches.breach_notify_people(breach=breach, people=[donor], actor=reviewer) == 1
    breach.refresh_from_db()
    assert breach.authority_notified_at <= breach.authority_due_at
    assert breach.status == Breach.Status.NOTIFIED and breach.people_notified == 1
    with pytest.raises(BusinessError):
        breaches.breach_notify_authority(breach=breach, actor=reviewer)
    breaches.breach_close(breach=breach, measures="تغيير كلمات المرور", actor=reviewer)
    assert Breach.objects.get().status == "closed"


def test_storage_region_outside_the_configured_one_is_refused():
    s3 = {
        "JOUD_STORAGE": "s3",
        "JOUD_DATA_REGION": "me-muscat-1",
        "STORAGES": {
            "default": {"OPTIONS": {"region_name": "eu-west-1"}},
            "documents": {"OPTIONS": {"region_name": "me-muscat-1"}},
        },
    }
    problems = region_problems(s3)
    assert len(problems) == 1 and "default" in problems[0]
    s3["STORAGES"]["default"]["OPTIONS"]["region_name"] = "me-muscat-1"
    assert region_problems(s3) == []
    assert region_problems({**s3, "JOUD_BACKUP_REGION": "eu-central-1"})
    assert region_problems({**s3, "JOUD_DATA_REGION": ""})
    assert region_problems({"JOUD_STORAGE": "local"}) == []
