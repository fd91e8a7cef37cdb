"""The annual statement's year comes from the address: outside the Hijri calendar's tables, 404."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [0, 1, 1342, 1500, 1501, 99999, 99999999999999999999])
def test_a_year_the_calendar_cannot_convert_is_not_found(client, donor, year):
    client.force_login(donor)
    assert client.get(f"/receipts/statement/{year}/").status_code == 404


def test_the_calendars_last_whole_year_still_has_a_statement(client, donor):
    client.force_login(donor)
    response = client.get("/receipts/statement/1499/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
