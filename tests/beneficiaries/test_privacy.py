"""Encryption at rest, the blind index, key rotation, the access log, export with a reason."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.urls import reverse

from joud.beneficiaries import crypto, services
from joud.beneficiaries.models import CaseAccessLog, Person
from joud.core.tenancy import organization_scope, scopes_disabled
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


def _raw_row(person_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT civil_id, phone, civil_id_index FROM beneficiaries_person WHERE id = %s",
            [person_id],
        )
        return cursor.fetchone()


def test_raw_civil_id_and_phone_are_not_in_the_database(case_a):
    with scopes_disabled():
        person = case_a.members.get()
    civil_raw, phone_raw, index = _raw_row(person.pk)
    assert "12345678" not in civil_raw and "91234567" not in phone_raw
    assert civil_raw.startswith("gAAAA")  # a Fernet token
    # Nowhere in the whole row either, in any column.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM beneficiaries_person WHERE id = %s", [person.pk])
        assert not any("12345678" in str(v) for v in cursor.fetchone())
    # The application still reads it, and exact matching goes through the blind index.
    with scopes_disabled():
        assert Person.objects.get(pk=person.pk).civil_id == "12345678"
        assert index == crypto.blind_index("12345678", purpose="civil_id")
        assert Person.objects.filter(civil_id_index=index).count() == 1


def test_blind_index_is_keyed_and_separate_per_purpose(settings):
    a = crypto.blind_index("12345678", purpose="civil_id")
    assert a != crypto.blind_index("12345678", purpose="phone")
    settings.JOUD_BLIND_INDEX_KEY = "another-secret"
    assert crypto.blind_index("12345678", purpose="civil_id") != a


def test_key_rotation(settings, case_a):
    old = list(settings.JOUD_FIELD_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.JOUD_FIELD_KEYS = [new_key, *old]  # the new key encrypts, the old one still decrypts
    with scopes_disabled():
        person = case_a.members.get()
        assert Person.objects.get(pk=person.pk).civil_id == "12345678"
    assert services.rotate_keys() >= 1
    settings.JOUD_FIELD_KEYS = [new_key]  # the old key is retired
    with scopes_disabled():
        assert Person.objects.get(pk=person.pk).civil_id == "12345678"
        assert Person.objects.get(pk=person.pk).phone == "91234567"
    settings.JOUD_FIELD_KEYS = old  # rows encrypted with the new key no longer open with the old
    with scopes_disabled(), pytest.raises(RuntimeError):
        Person.objects.get(pk=person.pk).civil_id  # noqa: B018


def test_every_view_of_a_case_is_logged(client_a, case_a, caseworker_a):
    url = reverse("beneficiaries:case_detail", args=[case_a.reference])
    assert client_a.get(url).status_code == 200
    assert client_a.get(url).status_code == 200
    entries = CaseAccessLog.objects.filter(case=case_a, action="view")
    assert entries.count() == 2
    assert entries.first().user == caseworker_a


def test_access_log_readable_by_org_admin_and_ministry_only(
    client, case_a, client_a, admin_a, reviewer
):
    client_a.get(reverse("beneficiaries:case_detail", args=[case_a.reference]))
    # A caseworker (not admin) cannot read the log.
    assert client_a.get(reverse("beneficiaries:access_log")).status_code == 403
    client_a.logout()
    login_with_totp(client, admin_a)
    page = client.get(reverse("beneficiaries:access_log"))
    assert page.status_code == 200 and case_a.reference in page.content.decode()
    client.logout()
    login_with_totp(client, reviewer)
    page = client.get(reverse("beneficiaries:ministry_access_log"))
    assert page.status_code == 200 and case_a.reference in page.content.decode()


def test_export_needs_a_recorded_reason(client_a, case_a):
    url = reverse("beneficiaries:export", args=[case_a.reference])
    response = client_a.post(url, {"reason": "لا"})
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert not CaseAccessLog.objects.filter(action="export").exists()
    reason = "طلب من المحكمة رقم 44 لسنة 2026"
    response = client_a.post(url, {"reason": reason})
    assert response["Content-Disposition"].startswith("attachment")
    assert "12345678" in response.content.decode()
    entry = CaseAccessLog.objects.get(action="export")
    assert entry.reason == reason


def test_case_page_masks_identifiers(client_a, case_a):
    html = client_a.get(reverse("beneficiaries:case_detail", args=[case_a.reference])).content
    assert "12345678" not in html.decode() and "…678" in html.decode()


def test_access_log_is_append_only(case_a, caseworker_a):
    services.access_log_record(case=case_a, user=caseworker_a, action="view")
    entry = CaseAccessLog.objects.get()
    entry.reason = "edited"
    with pytest.raises(ValueError):
        entry.save()


def test_scoped_reads_of_people(case_a, org_b):
    with organization_scope(org_b):
        assert not Person.objects.exists()
