"""The organization dashboard: key figures first, the work in hand before the finished, and a
finished initiative shows what it raised."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from joud.ledger.services.posting import DonationPosting, ledger_post_donations
from joud.transparency.scorecards import latest_scorecard, scorecards_recompute
from tests.factories import InitiativeFactory
from tests.fixtures.signin import to_arabic_digits

pytestmark = pytest.mark.django_db
State = Initiative.State


def _gift(initiative, reference, amount, *, when=None):
    fund = accounts.initiative_account(initiative)
    ledger_post_donations(
        [
            DonationPosting(
                initiative.organization_id,
                reference,
                "sandbox",
                fund.pk,
                D(amount),
                D("0"),
                D("0"),
                created_at=when,
            )
        ]
    )


@pytest.fixture
def dashboard_world(organization):
    today = timezone.localdate()
    with scopes_disabled():
        rejected = InitiativeFactory(organization=organization, state=State.REJECTED)
        suspended = InitiativeFactory(organization=organization, state=State.SUSPENDED)
        closed = InitiativeFactory(
            organization=organization, state=State.CLOSED, title_en="Closed one"
        )
        live = InitiativeFactory(organization=organization, state=State.LIVE, title_en="Live one")
        ended = InitiativeFactory(
            organization=organization,
            state=State.ENDED,
            report_due_on=today - dt.timedelta(days=1),
        )
        _gift(closed, "OLD-P1", "700.000", when=timezone.now() - dt.timedelta(days=90))
        _gift(live, "NEW-P1", "25.000")
        _gift(live, "NEW-P2", "5.500")
    return {
        "rejected": rejected,
        "suspended": suspended,
        "closed": closed,
        "live": live,
        "ended": ended,
    }


def test_key_figures_come_first_and_live_work_before_closed(org_client, dashboard_world):
    page = org_client.get(reverse("web:org_dashboard"))
    figures = page.context["figures"]
    assert figures.raised_this_month == D("30.500")  # the old gift is not this month's
    assert figures.live == 1
    assert figures.reports_due == 1 and figures.reports_overdue == 1
    in_hand = [i.pk for i in page.context["in_hand"]]
    finished = [i.pk for i in page.context["finished"]]
    world = dashboard_world
    assert in_hand == [world["live"].pk, world["ended"].pk]
    assert finished == [world["suspended"].pk, world["closed"].pk, world["rejected"].pk]
    html = page.content.decode()
    assert html.index("key-figures") < html.index("org-initiatives")
    assert html.index(world["live"].title) < html.index(world["closed"].title)


def test_a_closed_initiative_shows_what_it_raised_before_the_fold(org_client, dashboard_world):
    # No fold has run: the folded totals are empty, the organization's page reads the ledger.
    page = org_client.get(reverse("web:org_dashboard"))
    closed = next(i for i in page.context["finished"] if i.state == State.CLOSED)
    assert closed.progress.raised == D("700.000")
    text = re.sub(r"<[^>]+>", "", page.content.decode())
    assert "٧٠٠\u00a0ر.ع." in text


def test_the_live_figure_is_the_home_pages(org_client, organization, dashboard_world):
    organization.status = organization.Status.SUSPENDED
    organization.save(update_fields=["status"])
    page = org_client.get(reverse("web:org_dashboard"))
    assert page.context["figures"].live == 0  # not collecting: the public does not count it


def test_the_score_is_a_key_figure(org_client, organization, dashboard_world, settings):
    page = org_client.get(reverse("web:org_dashboard")).content.decode()
    figures = page[page.index("key-figures") : page.index("</section>", page.index("key-figures"))]
    assert "—" in figures  # never scored: a dash, not a zero
    settings.JOUD_SCORECARD_MIN_COVERAGE = D("0")  # score what little there is
    scorecards_recompute()
    shown = latest_scorecard(organization)
    page = org_client.get(reverse("web:org_dashboard")).content.decode()
    figures = page[page.index("key-figures") : page.index("</section>", page.index("key-figures"))]
    assert shown.row.score is not None
    assert f"<bdi>{to_arabic_digits(str(shown.row.score))}</bdi>" in figures
