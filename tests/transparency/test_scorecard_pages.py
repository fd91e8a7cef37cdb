"""The scorecard as people see it: the badge and its parts on the public profile, "what would
raise your score" in the organization's dashboard, the ministry's ranking (filters, CSV with
safe cells), in Arabic and English."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from joud.core.tenancy import scopes_disabled
from joud.transparency.scorecards import scorecards_recompute
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.fixtures.environment import ensure_geo
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    ensure_geo()
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0.3")
    with scopes_disabled():
        good = OrganizationFactory(
            name_en="=HYPERLINK(1)",
            description_ar="جمعية",
            description_en="An association",
            contact_email="a@example.om",
            contact_phone="+96824000000",
            website="https://example.om",
        )
        weak = OrganizationFactory(name_en="Weak association", website="")
        team = OrganizationFactory(kind="team", governorate_id=good.governorate_id)
    scorecards_recompute()
    return good, weak, team


def get(client, url, lang):
    return client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_public_profile_shows_the_badge_and_its_parts(client, world, lang):
    good, weak, _team = world
    page = get(client, reverse("campaigns:organization", args=[good.slug]), lang)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-score="100"' in html
    assert 'data-indicator="days_to_disburse"' in html  # every part is listed
    if lang == "ar":
        assert "١٠٠" in html and "ممتاز" in html and "100</bdi>" not in html
        block = html[html.index('aria-labelledby="scorecard-h"') :]
        text = re.sub(r"<[^>]+>", " ", block[block.index(">") : block.index("</section>")])
        assert not re.search(r"[0-9]", text), "one digit system: Arabic-Indic only"
    else:
        assert "Excellent" in html and "Scores higher than <bdi>100%</bdi>" in html
    assert " · ١" not in html and "· 1" not in html  # never a dot beside digits


def test_too_little_data_is_said_not_scored_zero(client, world, settings):
    good, *_ = world
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0.6")
    scorecards_recompute()
    html = get(client, reverse("campaigns:organization", args=[good.slug]), "en").content.decode()
    block = html[html.index('aria-labelledby="scorecard-h"') :]
    block = block[: block.index("</section>")]
    assert 'data-score=""' in block
    assert "Not enough data yet to give a fair score" in block
    assert ">0<" not in block


def test_the_dashboard_says_what_would_raise_the_score(client, world):
    _good, weak, _team = world
    user = MembershipFactory(organization=weak, role="admin").user
    login_with_totp(client, user)
    html = get(client, reverse("web:org_dashboard"), "en").content.decode()
    assert "What would raise your score" in html
    assert 'data-indicator="profile"' in html
    assert "Complete your profile" in html


def test_the_ministry_ranking_filters_and_exports_safe_cells(client, world):
    good, weak, team = world
    login_with_totp(client, UserFactory(is_ministry_reviewer=True))
    url = reverse("transparency:scorecards")
    html = get(client, url, "en").content.decode()
    assert html.index(f'data-organization="{good.slug}"') < html.index(
        f'data-organization="{weak.slug}"'
    )
    teams = get(client, url + "?kind=team", "en").content.decode()
    assert team.slug in teams and good.slug not in teams
    export = get(client, reverse("transparency:scorecards_csv") + "?kind=association", "en")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert "'=HYPERLINK(1)" in names and team.name not in names
    assert get(client, url + "?governorate=<script>", "en").status_code == 200
