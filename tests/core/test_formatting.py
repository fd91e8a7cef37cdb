"""The one formatting module (``joud.core.money``, ``joud.core.dates`` and their template filters):
outputs pinned in both languages, with the Western-digits preference."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from joud.core.dates import (
    format_dual_date,
    format_gregorian,
    format_hijri,
    format_hijri_year,
    format_time,
)
from joud.core.money import (
    format_money,
    format_number,
    format_percent,
    localize_digits,
    numbering_system,
    parse_amount,
    plural_count,
    preferred_digits,
)

NNBSP = "\u202f"
NBSP = "\u00a0"
WESTERN = set("0123456789")


@pytest.mark.parametrize(
    ("amount", "arabic", "english"),
    [
        ("5", f"٥{NBSP}ر.ع.", f"OMR{NBSP}5"),
        ("5.000", f"٥{NBSP}ر.ع.", f"OMR{NBSP}5"),
        ("7.25", f"٧٫٢٥٠{NBSP}ر.ع.", f"OMR{NBSP}7.250"),
        ("0.5", f"٠٫٥٠٠{NBSP}ر.ع.", f"OMR{NBSP}0.500"),
        ("0.005", f"٠٫٠٠٥{NBSP}ر.ع.", f"OMR{NBSP}0.005"),
        ("100", f"١٠٠{NBSP}ر.ع.", f"OMR{NBSP}100"),
        ("1135", f"١{NNBSP}١٣٥{NBSP}ر.ع.", f"OMR{NBSP}1,135"),
        ("25000", f"٢٥{NNBSP}٠٠٠{NBSP}ر.ع.", f"OMR{NBSP}25,000"),
        ("1234567.5", f"١{NNBSP}٢٣٤{NNBSP}٥٦٧٫٥٠٠{NBSP}ر.ع.", f"OMR{NBSP}1,234,567.500"),
    ],
)
def test_money_shows_baisa_only_when_there_are_baisa(amount, arabic, english):
    assert format_money(Decimal(amount), language="ar") == arabic
    assert format_money(Decimal(amount), language="en") == english


def test_arabic_money_never_uses_the_thousands_mark_that_looks_like_the_decimal_mark():
    text = format_money(Decimal("1135.25"), language="ar")
    assert "٬" not in text and "," not in text
    assert text.count("٫") == 1


def test_whole_rial_presets_cannot_read_as_thousands():
    # "١٠٫٠٠٠" read as ten thousand: a whole amount has no decimal part at all.
    for preset in ("1", "5", "10", "25", "50", "100"):
        text = format_money(Decimal(preset), language="ar")
        assert "٫" not in text and "٬" not in text


def test_western_digits_preference_on_arabic_pages():
    with preferred_digits("latn"):
        assert numbering_system("ar") == "latn"
        assert format_money(Decimal("1135.25"), language="ar") == f"1,135.250{NBSP}ر.ع."
        assert format_number(12345, language="ar") == "12,345"
        assert format_percent(Decimal("2.5"), language="ar") == "2.5%"
        assert format_hijri(dt.date(2026, 12, 2), "ar") == "22 جمادى الآخرة 1448 هـ"
        assert format_gregorian(dt.date(2026, 12, 2), "ar") == "2 ديسمبر 2026"
        assert localize_digits("16:30", "ar") == "16:30"
    # The preference ends with its block; English is always Western.
    assert format_number(12345, language="ar") == f"١٢{NNBSP}٣٤٥"
    with preferred_digits("arab"):
        assert format_number(12345, language="en") == "12,345"
    with preferred_digits("nonsense"):
        assert numbering_system("ar") == "arab"


@pytest.mark.parametrize(
    ("value", "arabic", "english"),
    [
        (4, "٤", "4"),
        (12345, f"١٢{NNBSP}٣٤٥", "12,345"),
        (Decimal("2.50"), "٢٫٥", "2.5"),
        (Decimal("47.5"), "٤٧٫٥", "47.5"),
        (21.9, "٢١٫٩", "21.9"),
        (Decimal("-2.5"), "-٢٫٥", "-2.5"),
        (0, "٠", "0"),
    ],
)
def test_numbers(value, arabic, english):
    assert format_number(value, language="ar") == arabic
    assert format_number(value, language="en") == english


def test_numbers_with_places_and_without_grouping():
    assert format_number(Decimal("21.94"), language="ar", places=1) == "٢١٫٩"
    assert format_number(Decimal("21.00"), language="en", places=1) == "21"
    assert format_number(2026, language="ar", grouping=False) == "٢٠٢٦"


def test_percent():
    assert format_percent(Decimal("2.5"), language="ar") == "٢٫٥٪"
    assert format_percent(Decimal("2.5"), language="en") == "2.5%"
    assert format_percent(4, language="ar") == "٤٪"
    assert format_percent(Decimal("0.89"), language="ar") == "٠٫٩٪"
    assert format_percent(Decimal("33.333"), language="en", places=0) == "33%"


def test_dates_in_one_short_form():
    day = dt.date(2026, 12, 2)
    assert format_hijri(day, "ar") == "٢٢ جمادى الآخرة ١٤٤٨ هـ"
    assert format_gregorian(day, "ar") == "٢ ديسمبر ٢٠٢٦"
    assert format_dual_date(day, "ar") == "٢٢ جمادى الآخرة ١٤٤٨ هـ (٢ ديسمبر ٢٠٢٦)"
    assert format_dual_date(day, "en") == "22 Jumada al-Akhirah 1448 AH (2 December 2026)"
    assert format_hijri_year(1448, "ar") == "١٤٤٨ هـ"
    assert format_hijri_year(1448, "en") == "1448 AH"
    assert format_time(dt.time(16, 30), "ar") == "١٦:٣٠"
    assert format_time(dt.datetime(2026, 12, 2, 9, 5), "en") == "09:05"


def test_typed_amounts_in_any_of_the_shown_forms_are_read_back():
    assert parse_amount(f"١{NNBSP}١٣٥٫٢٥٠") == Decimal("1135.250")
    assert parse_amount(format_money(Decimal("7.25"), language="ar")) == Decimal("7.250")
    assert parse_amount("٥ ر.ع.") == Decimal("5.000")


def test_plural_count_for_fractions_takes_the_form_fractions_use():
    assert plural_count(4) == 4
    assert plural_count(Decimal("4.0")) == 4
    assert plural_count(Decimal("2.5")) == 100


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render(context)


def test_template_filters():
    day = dt.date(2026, 12, 2)
    html = _render("{{ a|money }}|{{ n|number }}|{{ s|number:1 }}|{{ p|percent }}", "ar",
                   a=Decimal("5"), n=1234, s=Decimal("21.94"), p=Decimal("2.5"))  # fmt: skip
    assert html == (
        f'<bdi class="money">٥{NBSP}ر.ع.</bdi>|<bdi>١<span class="grp">{NNBSP}</span>٢٣٤</bdi>|'
        "<bdi>٢١٫٩</bdi>|<bdi>٢٫٥٪</bdi>"
    )
    # The narrow space between groups is wrapped for CSS to widen (the face lacks the glyph).
    html = _render("{{ a|money }}", "ar", a=Decimal("25000.5"))
    assert html == (f'<bdi class="money">٢٥<span class="grp">{NNBSP}</span>٠٠٠٫٥٠٠{NBSP}ر.ع.</bdi>')
    assert _render("{{ a|money }}", "en", a=Decimal("25000")) == (
        f'<bdi class="money">OMR{NBSP}25,000</bdi>'
    )
    html = _render("{{ d|dual_date }}", "ar", d=day)
    assert "<bdi>٢٢ جمادى الآخرة ١٤٤٨ هـ</bdi>" in html and "(<bdi>٢ ديسمبر ٢٠٢٦</bdi>)" in html
    assert "·" not in html
    moment = dt.datetime(2026, 12, 2, 16, 30, tzinfo=dt.UTC)
    html = _render("{{ m|clock }}", "ar", m=moment)
    assert html == '<bdi class="text-nowrap">٢٠:٣٠</bdi>'  # Muscat is UTC+4
    assert _render("{{ y|hijri_year }}", "en", y=1448) == "<bdi>1448 AH</bdi>"
    assert _render("{% share_of 2232 250000 %}", "ar") == "<bdi>٠٫٩٪</bdi>"
    assert _render("{% share_of 60 100 %}", "en") == "<bdi>60%</bdi>"


@pytest.mark.parametrize(
    ("count", "arabic", "english"),
    [
        (1, "فرد واحد", "1 person"),
        (2, "فردان", "2 people"),
        (4, "٤ أفراد", "4 people"),
        (11, "١١ فرداً", "11 people"),
        (100, "١٠٠ فرد", "100 people"),
    ],
)
def test_counts_take_the_arabic_plural_form_and_the_page_digits(count, arabic, english):
    source = (
        "{% blocktranslate count n=x|counted %}{{ n }} person{% plural %}{{ n }} people"
        "{% endblocktranslate %}"
    )
    assert _render(source, "ar", x=count) == arabic
    assert _render(source, "en", x=count) == english


def test_no_western_digit_in_an_arabic_number_or_date():
    for text in (
        format_money(Decimal("1234.5"), language="ar"),
        format_number(98765, language="ar"),
        format_dual_date(dt.date(2026, 3, 1), "ar"),
        format_percent(Decimal("12.5"), language="ar"),
    ):
        assert not WESTERN & set(text), text
