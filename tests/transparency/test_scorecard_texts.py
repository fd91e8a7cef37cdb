"""The scorecard's explanations name the thresholds the indicators compute with: each number is
read from its setting when the text is shown (in the page's digits, with Arabic plural forms),
so changing a setting changes the sentence, and no text writes a number itself."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from joud.core.tenancy import scopes_disabled
from joud.transparency.indicators import REGISTRY, base
from joud.transparency.scorecards import scorecards_recompute
from tests.factories import OrganizationFactory
from tests.fixtures.environment import ensure_geo

TEXTS = ("title", "formula", "source", "explanation", "advice")
ANY_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")

CHANGED = {
    "JOUD_ADMIN_SHARE_CAP": Decimal("3.5"),
    "JOUD_SCORECARD_IDLE_DAYS": 45,
    "JOUD_SCORECARD_REACH_PEOPLE": 350,
    "JOUD_REPORT_DUE_WORKING_DAYS": 12,
    "JOUD_SCORECARD_COST_CEILING": Decimal("0.08"),
    "JOUD_SCORECARD_WARNING_PENALTY": Decimal("0.25"),
}
SHOWN = {
    "en": [
        "keep at most 3.5 percent of gifts",
        "half at the cap of 3.5 percent",
        "Money held for over 45 days",
        "Full marks at 350 people.",
        "A report is due 12 working days after",
        "none at 8 percent.",
        "each warning takes 25 percent of the marks",
    ],
    "ar": [
        "باقتطاع ٣٫٥ في المئة",
        "عند سقف ٣٫٥ في المئة",
        "المال المحتجز أكثر من ٤٥ يومًا",
        "الدرجة كاملة عند ٣٥٠ شخصًا.",
        "بعد ١٢ يوم عمل من انتهاء المبادرة",
        "ولا درجة عند ٨ في المئة.",
        "كل إنذار ينقص ٢٥ في المئة",
    ],
}
DEFAULTS_GONE = {
    "en": ["2 percent", "over 90 days", "at 200 people", "due 15 working days", "at 10 percent"],
    "ar": ["٢ في المئة", "٩٠ يومًا", "٢٠٠ شخص", "١٥ يوم عمل", "١٠ في المئة"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_changing_a_setting_changes_the_explanation_on_the_public_page(client, lang, settings):
    ensure_geo()
    settings.JOUD_SCORECARD_MIN_COVERAGE = Decimal("0.3")
    with scopes_disabled():
        org = OrganizationFactory(description_en="An association", website="https://example.om")
    scorecards_recompute()
    url = reverse("campaigns:organization", args=[org.slug]) + f"?lang={lang}"
    before = client.get(url).content.decode()
    assert all(old in before for old in DEFAULTS_GONE[lang])
    with override_settings(**CHANGED):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    for text in SHOWN[lang]:
        assert text in html
    for old in DEFAULTS_GONE[lang]:
        assert old not in html
    if lang == "ar":
        block = html[html.index('aria-labelledby="scorecard-h"') :]
        words = re.sub(r"<[^>]+>", " ", block[block.index(">") : block.index("</section>")])
        assert not re.search(r"[0-9]", words), "one digit system: Arabic-Indic only"


@pytest.mark.parametrize(
    ("days", "en", "ar"),
    [
        (1, "Money held for over 1 day", "المال المحتجز أكثر من يوم واحد"),
        (2, "Money held for over 2 days", "المال المحتجز أكثر من يومين"),
        (7, "Money held for over 7 days", "المال المحتجز أكثر من ٧ أيام"),
        (200, "Money held for over 200 days", "المال المحتجز أكثر من ٢٠٠ يوم"),
        (11, "Money held for over 11 days", "المال المحتجز أكثر من ١١ يومًا"),
    ],
)
def test_a_count_in_a_sentence_takes_its_plural_form(days, en, ar):
    with override_settings(JOUD_SCORECARD_IDLE_DAYS=days):
        with translation.override("en"):
            assert str(REGISTRY["idle_money"].title) == en
        with translation.override("ar"):
            assert str(REGISTRY["idle_money"].title) == ar
            assert str(REGISTRY["idle_money"].advice).endswith(ar.split("من ", 1)[1] + ".")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_indicator_text_writes_a_number_itself(monkeypatch, lang):
    """Every number in a text passes through ``shown`` (from a setting or a count the code
    uses): with ``shown`` saying "N", no digit of either system is left, in either language."""
    monkeypatch.setattr(base, "shown", lambda value: "N")
    with translation.override(lang):
        for item in REGISTRY.values():
            for name in TEXTS:
                text = str(getattr(item, name))
                assert text.strip(), (item.code, name)
                assert not ANY_DIGIT.search(text), (item.code, name, text)


def test_the_texts_still_name_the_numbers_they_are_given():
    """The check above is not empty: the texts do carry numbers when ``shown`` is real."""
    with translation.override("en"):
        texts = [str(getattr(i, n)) for i in REGISTRY.values() for n in TEXTS]
    assert sum(bool(ANY_DIGIT.search(t)) for t in texts) >= 15
