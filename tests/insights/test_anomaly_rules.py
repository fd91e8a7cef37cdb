"""The nightly anomaly rules on constructed cases: an initiative far above its peers, a story
copied from another organization, round payments just under the ministry's threshold, a new
bank account paid by many organizations; each worded in plain language on the queue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement
from joud.insights.anomalies import rules
from joud.insights.anomalies.reasons import describe
from joud.insights.models import Anomaly, DailyRollup
from tests.disbursements.factories import ask, finance_team, funded_initiative
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
STORY = " ".join(f"كلمة{n} في قصة المبادرة عن الأسر المحتاجة" for n in range(12))


def test_an_initiative_far_above_its_peers():
    org = OrganizationFactory()
    peers = InitiativeFactory.create_batch(7, organization=org, goal=Decimal("1000"))
    odd = InitiativeFactory(organization=org, goal=Decimal("1000"))
    for n, initiative in enumerate([*peers, odd]):
        amount = Decimal("9000") if initiative == odd else Decimal(100 + 10 * n)
        DailyRollup.unscoped.create(
            day=TODAY, organization=org, initiative=initiative, category="orphans",
            channel="sandbox", amount=amount, gifts=3,
        )  # fmt: skip
    with scopes_disabled():
        assert rules.unusual_money() == 1
    anomaly = Anomaly.objects.get(reason="unusual_money")
    assert anomaly.initiative == odd
    with translation.override("en"):
        assert "far above its peers" in describe(anomaly)


def test_a_story_copied_from_another_organization():
    first = InitiativeFactory(story_ar=STORY)
    InitiativeFactory(organization=first.organization, story_ar=STORY)  # its own: no alarm
    copy = InitiativeFactory(story_ar=STORY + " وزيادة")
    InitiativeFactory(story_ar="قصة أخرى مختلفة تمامًا " * 10)
    with scopes_disabled():
        assert rules.copied_stories() == 1
    anomaly = Anomaly.objects.get(reason="copied_story")
    assert anomaly.initiative == copy and anomaly.details["source"] == first.pk
    with translation.override("ar"):
        assert "كلمة بكلمة" in describe(anomaly)


def test_round_payments_just_under_the_ministry_threshold(settings):
    settings.JOUD_DISBURSEMENT_MINISTRY_THRESHOLD = "1000"
    initiative = funded_initiative("5000.000")
    org = initiative.organization
    asker, _approver = finance_team(org)
    with scopes_disabled():
        from joud.ledger import accounts

        fund = accounts.initiative_account(initiative)
    ask(org, asker, source=fund, amount=Decimal("950.000"))
    with scopes_disabled():
        assert rules.under_threshold(TODAY) == 0  # one may be innocent
    ask(org, asker, source=fund, amount=Decimal("1000.000"))
    ask(org, asker, source=fund, amount=Decimal("937.500"))  # not round
    with scopes_disabled():
        assert rules.under_threshold(TODAY) == 1
    anomaly = Anomaly.objects.get(reason="under_threshold")
    assert anomaly.details["payments"] == 2 and anomaly.organization == org
    with translation.override("en"):
        assert "split to avoid" in describe(anomaly)


def test_a_new_bank_account_paid_by_many_organizations():
    account = "OM610180000099999999901"
    for _n in range(3):
        initiative = funded_initiative("100.000")
        org = initiative.organization
        asker, _ = finance_team(org)
        from joud.ledger import accounts

        with scopes_disabled():
            fund = accounts.initiative_account(initiative)
        item = ask(org, asker, source=fund, bank_account=account)
        Disbursement.unscoped.filter(pk=item.pk).update(state="paid")
    with scopes_disabled():
        assert rules.new_payees(TODAY) == 1
        assert rules.new_payees(TODAY) == 0  # already open: raised once
    anomaly = Anomaly.objects.get(reason="new_payee")
    assert anomaly.details == {"organizations": 3, "account_end": "9901"}
    with translation.override("en"):
        assert "paid by 3 different organizations" in describe(anomaly)
    assert rules.rules_run(today=TODAY + dt.timedelta(days=61))["new_payee"] == 0
