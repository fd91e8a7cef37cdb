"""The dashboards kept in the shared cache are kept per language AND per digit system (the texts
inside them carry the digits), and the insights templates format through joud's one module."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from joud.core.money import preferred_digits
from joud.core.tenancy import scopes_disabled
from joud.insights.cache import board_and_charts
from joud.insights.dashboards import Filters
from joud.insights.services import rollups_rebuild
from joud.insights.templatetags import insights_tags
from tests.factories import OrganizationFactory
from tests.insights.helpers import at, gift

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "joud"


def _texts(charts) -> str:
    return " ".join(charts["chart-time"]["series"][0]["texts"])


def test_the_cached_dashboard_follows_the_digits_the_person_chose():
    org = OrganizationFactory()
    gift(org, when=at(timezone.localdate()), email="d@example.om", amount="1234.5")
    rollups_rebuild()
    with translation.override("ar"), scopes_disabled():
        _board, arabic = board_and_charts(organization_id=org.pk, filters=Filters())
        with preferred_digits("latn"):
            _board, western = board_and_charts(organization_id=org.pk, filters=Filters())
        _board, again = board_and_charts(organization_id=org.pk, filters=Filters())
    assert "١" in _texts(arabic) and "1" not in _texts(arabic)
    assert "1,234.500" in _texts(western) and "١" not in _texts(western)
    assert _texts(again) == _texts(arabic)
    # the axes too: the browser formats them in the chosen digits
    assert arabic["chart-time"]["locale"] == "ar-OM-u-nu-arab"
    assert western["chart-time"]["locale"] == "ar-OM-u-nu-latn"


def test_one_script_draws_every_chart_of_the_platform():
    """The money pages and the dashboards share ``joud/charts.js``: no second copy."""
    drawing = sorted(
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("static/**/*.js")
        if "vendor" not in path.parts and "new window.Chart(" in path.read_text()
    )
    assert drawing == ["web/static/joud/charts.js"]
    pages = [
        "donations/templates/finance/organization_money.html",
        "donations/templates/finance/initiative_money.html",
        "insights/templates/insights/organization.html",
        "insights/templates/insights/ministry.html",
    ]
    for page in pages:
        assert "{% static 'joud/charts.js' %}" in (SRC / page).read_text(), page


def test_the_insights_tags_format_through_joud_and_keep_no_copies():
    assert not {"pct", "digits", "percent", "number"} & set(insights_tags.register.filters)
    page = Template(
        "{% load insights_tags %}{{ share|percent|default:'—' }} {{ none|percent|default:'—' }} "
        "{{ rank|digits }} {% cohort_cell row 1447 %}"
    )
    row = {"cohort": 1445, "later": [{"year": 1447, "donors": 1200, "percent": 42}]}
    context = Context({"share": 42, "none": None, "rank": 12, "row": row})
    with translation.override("ar"):
        assert page.render(context) == (
            "<bdi>٤٢٪</bdi> — ١٢ <td><bdi>١\u202f٢٠٠</bdi> "
            '<span class="small text-body-secondary">(<bdi>٤٢٪</bdi>)</span></td>'
        )
        with preferred_digits("latn"):
            assert "<bdi>42%</bdi>" in page.render(context)
