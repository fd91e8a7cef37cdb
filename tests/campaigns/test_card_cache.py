"""The initiative card's cached fragments follow the person's digit system: a donor who chose
Western digits on Arabic pages never gets a card drawn (and cached) for somebody else's digits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

CARD_FOOT = re.compile(r'<p class="small mb-0 mt-1">(.*?)</p>', re.S)


def _card_foot(client, digits: str | None) -> str:
    client.cookies["joud_language"] = "ar"
    if digits:
        client.cookies["joud_digits"] = digits
    else:
        client.cookies.pop("joud_digits", None)
    response = client.get("/initiatives/")
    assert response.status_code == 200
    found = CARD_FOOT.findall(response.content.decode())
    assert len(found) == 1, found
    return found[0]


def test_the_cached_card_is_drawn_in_each_digit_system(client):
    InitiativeFactory(ends_on=dt.date(2027, 3, 14))
    arabic = _card_foot(client, None)  # drawn and cached in Arabic-Indic digits
    assert "٢٠٢٧" in arabic and "2027" not in arabic
    western = _card_foot(client, "latn")
    assert "2027" in western and not re.search("[٠-٩]", western)
    assert _card_foot(client, None) == arabic
