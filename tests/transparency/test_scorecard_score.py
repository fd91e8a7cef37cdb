"""The score: the weights table drives it, too little data gives none (never 0), the percentile
is within the organization's kind, the nightly job runs once per slot, and a complaint upheld
through the ministry's complaint service lowers the score."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.utils import timezone

import joud.settings.scorecard as table
from joud.complaints.services import complaint_file
from joud.core import scheduling
from joud.core.models import PeriodicJobRun
from joud.core.tenancy import scopes_disabled
from joud.ministry.complaints import complaint_decide
from joud.organizations.models import Organization
from joud.transparency.models import Scorecard
from joud.transparency.quarters import Quarter
from joud.transparency.scorecards import latest_scorecard, rank_within_kinds, scorecards_recompute
from joud.transparency.scoring import percentile, scorecard_compute
from joud.transparency.tasks import recompute_scorecards
from tests.factories import OrganizationFactory, UserFactory
from tests.fixtures.environment import ensure_geo

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def org():
    ensure_geo()
    with scopes_disabled():
        # 5 of the 8 profile fields (no English description, phone or website): 0.625.
        return OrganizationFactory(description_ar="جمعية", contact_email="info@example.om")


def test_the_weights_table_drives_the_score(org, settings):
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0.5")
    settings.JOUD_SCORECARD_WEIGHTS = {"licence": 1, "profile": 3}
    # (1 × 1 + 3 × 0.625) ÷ 4 = 71.875
    assert scorecard_compute(org, today=TODAY).score == 72
    settings.JOUD_SCORECARD_WEIGHTS = {"licence": 3, "profile": 1}
    # (3 × 1 + 1 × 0.625) ÷ 4 = 90.625
    assert scorecard_compute(org, today=TODAY).score == 91


def test_a_new_organization_has_not_enough_data_rather_than_zero(org, settings):
    card = scorecard_compute(org, today=TODAY)
    # Only licence 10, sanctions 8, complaints 7 and profile 5 can be measured: 30 of 100.
    assert card.coverage == Decimal("0.3")
    assert card.score is None and not card.enough_data
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0.3")
    # (10 + 8 + 7 + 5 × 0.625) ÷ 30 = 93.75
    assert scorecard_compute(org, today=TODAY).score == 94


def test_what_would_raise_the_score_names_the_biggest_losses(org, settings):
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0")
    org.licence_expires_on = TODAY - dt.timedelta(days=1)
    codes = [p.indicator.code for p in scorecard_compute(org, today=TODAY).to_raise()]
    assert codes == ["licence", "profile"]  # 10 points lost, then 5 × 0.375


def test_percentile_counts_only_the_same_kind():
    assert percentile(80, [60, 70, 90, 80]) == 63  # 2 below, 1 tie (half): 2.5 of 4
    assert percentile(80, []) is None
    assert percentile(None, [50]) is None
    ensure_geo()
    with scopes_disabled():
        kinds = ["association"] * 3 + ["team"]
        orgs = [OrganizationFactory(kind=k) for k in kinds]
    quarter = Quarter.of(TODAY)
    for o, score in zip(orgs, (50, 70, 90, 10), strict=True):
        Scorecard.objects.create(
            organization=o,
            quarter=quarter.key,
            starts_on=quarter.starts_on,
            computed_on=TODAY,
            score=score,
            coverage=1,
        )
    rank_within_kinds(quarter)
    by_org = dict(Scorecard.objects.values_list("organization_id", "percentile"))
    assert [by_org[o.pk] for o in orgs] == [0, 50, 100, None]  # the lone team has no peers


def test_the_nightly_job_runs_once_per_slot_and_keeps_the_quarter(org):
    jobs = scheduling.load_periodic_jobs()
    assert jobs["transparency.scorecards"].every == dt.timedelta(days=1)
    assert jobs["transparency.scorecards"].task is recompute_scorecards
    now = timezone.now()
    assert "transparency.scorecards" in scheduling.enqueue_due_jobs(now)  # runs at once here
    assert "transparency.scorecards" not in scheduling.enqueue_due_jobs(now)
    assert PeriodicJobRun.objects.filter(job="transparency.scorecards").count() == 1
    (row,) = Scorecard.objects.filter(organization=org)
    assert row.quarter == Quarter.of(timezone.localdate()).key
    scorecards_recompute()  # the next night rewrites the quarter, no second row
    assert Scorecard.objects.filter(organization=org).count() == 1
    scorecards_recompute(today=timezone.localdate() + dt.timedelta(days=100))
    assert Scorecard.objects.filter(organization=org).count() == 2  # the history


def test_a_complaint_upheld_by_the_ministry_lowers_the_score(org, settings):
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0.3")
    scorecards_recompute()
    before = latest_scorecard(org).row.score
    complaint = complaint_file(
        organization=org,
        reason="misuse",
        details="المال لم يصل إلى الأسر",
        contact="",
    )
    reviewer = UserFactory(is_ministry_reviewer=True)
    complaint_decide(
        complaint=complaint, reviewer=reviewer, outcome="warning", reason="ثبتت الشكوى"
    )
    scorecards_recompute()
    shown = latest_scorecard(org)
    # A warning on record (sanctions 8 × 0.5) and a complaint upheld (complaints 7 × 0.5):
    # (10 + 4 + 3.5 + 3.125) ÷ 30 = 68.75 -> 69, from 94.
    assert (before, shown.row.score) == (94, 69)
    parts = {p.indicator.code: p for p in shown.card.parts}
    assert parts["complaints"].reading.value == 1
    assert Organization.objects.get(pk=org.pk).warning_count == 1


def test_the_weights_come_from_one_table_the_environment_can_override(monkeypatch):
    monkeypatch.setenv("JOUD_SCORECARD_WEIGHTS", "complaints=20,profile=0")
    try:
        weights = importlib.reload(table).JOUD_SCORECARD_WEIGHTS
        assert weights["complaints"] == 20 and weights["profile"] == 0
        assert weights["licence"] == 10  # the others keep their defaults
    finally:
        monkeypatch.delenv("JOUD_SCORECARD_WEIGHTS")
        importlib.reload(table)
