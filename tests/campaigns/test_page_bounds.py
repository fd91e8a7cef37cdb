"""The search's page number: any number a person can type gets a page, never a 500."""

from __future__ import annotations

import pytest

from joud.core.bounds import MAX_PAGE, page_number
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page", ["99999999999999999999", "9223372036854775808", "1000001", "1e9", "-1", "0", "٢"]
)
def test_a_huge_or_strange_page_number_gets_a_page(client, page):
    initiative = InitiativeFactory()
    response = client.get("/initiatives/", {"page": page, "lang": "en"})
    assert response.status_code == 200
    assert initiative.title_en in response.content.decode()


def test_page_numbers_are_clamped():
    assert page_number("99999999999999999999") == MAX_PAGE
    assert page_number("3") == 3
    assert page_number("0") == 1
    assert page_number("x") == 1
    assert page_number(None) == 1
