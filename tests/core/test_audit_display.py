"""The audit log read by people: sentences in the reader's language with the actor and the object
linked, the data as a table of labelled, formatted values; no code, dictionary or ISO time."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from joud.core.audit import audit_log
from joud.core.audit_display import account_label, describe
from joud.core.tenancy import scopes_disabled
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}")


def _lines(lang: str):
    from joud.core.models import AuditLogEntry

    with translation.override(lang):
        return describe(AuditLogEntry.objects.select_related("actor", "organization"))


def test_an_approval_reads_as_a_sentence_with_the_actor_and_a_link_in_both_languages():
    reviewer = UserFactory(full_name="مريم الحارثية", is_ministry_reviewer=True)
    org = OrganizationFactory(slug="noor")
    audit_log(
        action="joud.organization.approved",
        actor=reviewer,
        target=org,
        data={"from": "pending", "to": "active", "reason": ""},
    )
    (ar,) = _lines("ar")
    assert "مريم الحارثية" in ar.sentence
    assert 'href="/ministry/organizations/noor/"' in ar.sentence
    assert org.name_ar in ar.sentence
    assert "joud." not in ar.sentence
    labels = {c.label: c.value for c in ar.changes}
    # the states read as their labels, in Arabic; the empty reason is left out
    assert all(not re.search("[A-Za-z]", f"{k}{v}") for k, v in labels.items()), labels
    assert len(ar.changes) == 2
    (en,) = _lines("en")
    assert en.sentence.startswith("<bdi>مريم الحارثية</bdi> licensed ")
    assert {c.label for c in en.changes} == {"State before", "State after"}
    assert [str(c.value) for c in en.changes] == ["Awaiting ministry review", "Licensed"]


def test_the_platform_is_the_actor_when_nobody_signed_in():
    initiative = InitiativeFactory()
    audit_log(action="joud.initiative.started", target=initiative, data={"from": "approved"})
    audit_log(action="joud.scorecard.recomputed", data={})
    started, recomputed = sorted(_lines("en"), key=lambda line: line.entry.action)
    assert started.sentence.endswith("</a> went live.")
    assert f'href="/ministry/initiatives/{initiative.public_code}/"' in started.sentence
    assert recomputed.sentence.startswith("<bdi>The platform</bdi> computed")


def test_money_dates_and_account_codes_are_typed_not_raw():
    initiative = InitiativeFactory()
    audit_log(
        action="joud.disbursement.created",
        target=initiative,
        data={
            "amount": Decimal("12.500"),
            "fund": f"org:{initiative.organization_id}:admin",
            "planned": "2026-12-02",
            "nested": {"count": 3},
            "demo": True,
        },
    )
    with translation.override("en"):
        (line,) = _lines("en")
        rows = {c.label: (c.type, c.value) for c in line.changes}
    assert rows["Amount"] == ("money", Decimal("12.500"))
    assert rows["Fund"] == ("text", "Administration share")
    assert rows["Planned"][0] == "date"
    assert rows["Nested: Count"] == ("number", 3)
    assert "Demo" not in rows  # machine markers are not shown


def test_an_initiative_fund_code_reads_as_the_fund_and_its_title():
    initiative = InitiativeFactory(title_en="School bags")
    with translation.override("en"):
        assert account_label(f"initiative:{initiative.pk}") == "Initiative fund: School bags"
        assert account_label("platform:clearing:sandbox") == "Gateway clearing (sandbox)"
        assert account_label("JD-7F3K2-P1") is None


def test_an_unknown_action_still_reads_in_words():
    audit_log(action="joud.thing.approved", data={"odd_key": "x"})
    (ar,) = _lines("ar")
    assert "joud" not in ar.sentence and "approved" not in ar.sentence
    assert [c.label for c in ar.changes] == ["تفصيل آخر"]


def test_every_phrase_has_its_arabic_translation():
    from joud.core.audit_display.changes import LABELS
    from joud.core.audit_display.phrases import GROUPS, PHRASES, VERBS

    with translation.override("ar"):
        texts = [*PHRASES.values(), *LABELS.values(), *VERBS.values(), *(g for _, g in GROUPS)]
        untranslated = [str(t) for t in texts if not re.search("[\u0600-\u06ff]", str(t))]
    assert untranslated == []


def test_the_audit_page_shows_sentences_and_tables_not_codes(ministry_client, reviewer):
    org = OrganizationFactory()
    with scopes_disabled():
        initiative = InitiativeFactory(organization=org)
    audit_log(
        action="joud.initiative.approved",
        actor=reviewer,
        target=initiative,
        data={"from": "submitted", "to": "approved", "reason": "كل شيء سليم"},
    )
    audit_log(
        action="joud.ledger.deposited",
        actor=reviewer,
        organization=org,
        data={"account": f"org:{org.pk}:general", "amount": "5.000"},
    )
    page = ministry_client.get("/ministry/audit/").content.decode()
    body = page.split("<main", 1)[1]
    text = re.sub(r"<[^>]+>", "", body)  # what the reader sees
    assert "joud." not in text
    assert f"org:{org.pk}:" not in text
    assert "{'" not in text and "&#x27;:" not in text  # no Python dictionary
    assert not ISO_MOMENT.search(text)
    assert "كل شيء سليم" in text
    assert "الصندوق العام" in text or "General" not in text
    assert f'href="/ministry/initiatives/{initiative.public_code}/"' in body
    assert "ر.ع." in text and "5.000" not in text  # the money filter, Arabic digits


def test_the_filter_takes_only_the_listed_groups(ministry_client, reviewer):
    audit_log(action="joud.organization.warned", actor=reviewer)
    audit_log(action="joud.initiative.closed", actor=reviewer)
    page = ministry_client.get("/ministry/audit/", {"action": "joud.organization."})
    assert len(page.context["lines"]) == 1
    # a hand-typed prefix is not a filter: everything is shown
    page = ministry_client.get("/ministry/audit/", {"action": "joud.organ"})
    assert len(page.context["lines"]) == 2


def test_ids_codes_and_vocabularies_read_as_words():
    initiative = InitiativeFactory(title_en="School bags")
    audit_log(
        action="joud.payment.confirmed",
        target=initiative,
        data={
            "initiative": initiative.pk,
            "source": "webhook",
            "currency": "OMR",
            "event": "evt_123",
            "quarter": "2026-Q4",
            "purpose": "school_meals",
        },
    )
    (line,) = _lines("en")
    rows = {c.label: c.value for c in line.changes}
    assert rows["Initiative"] == "School bags"
    assert rows["Source"] == "the gateway's notice"
    assert rows["Currency"] == "Omani rial"
    assert rows["Quarter"] == "fourth quarter of 2026"
    assert rows["Purpose"] != "school_meals"
    assert "evt_123" not in str(rows)  # a gateway's event id says nothing to a reader
    assert "(The platform)" not in line.sentence  # nobody acted: no bracket


def test_what_the_public_does_is_told_as_the_public():
    audit_log(action="joud.complaint.filed", data={})
    (line,) = _lines("en")
    assert line.sentence.startswith("<bdi>A member of the public</bdi>")


def test_a_duplicate_is_named_in_words_and_its_log_odds_are_not_shown():
    from joud.beneficiaries.models import DuplicateAlert
    from joud.core.audit_display.objects import MINISTRY_KINDS, _thing

    with translation.override("ar"):
        thing = _thing(DuplicateAlert(pk=6), MINISTRY_KINDS["beneficiaries.duplicatealert"])
    assert thing.name == "تكرار محتمل رقم ٦"
    assert thing.url == "/cases/ministry/duplicates/6/"
    audit_log(action="joud.duplicate.raised", data={"score": 29.12, "cases": ["CS-A", "CS-B"]})
    (line,) = _lines("en")
    assert [c.label for c in line.changes] == ["Cases"]
