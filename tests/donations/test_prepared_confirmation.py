"""The webhook's one statement (accepting the event) is planned once per connection, not once
per webhook."""

import pytest
from django.db import connection

from tests.donations.factories import deliver, event_body, make_donation


@pytest.mark.django_db
def test_confirmation_statement_is_prepared_on_the_server(initiative, settings):
    if connection.vendor != "postgresql":
        pytest.skip("server-side prepared statements are a PostgreSQL feature")
    settings.JOUD_CONFIRMATION_SQL = "sql"
    for _ in range(7):  # psycopg prepares a statement once it has run it 5 times
        donation, attempt = make_donation(initiative=initiative)
        assert deliver(event_body(attempt))[1]["status"] == "confirm"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%INSERT INTO payments_webhookevent%"],
        )
        assert cursor.fetchone()[0] == 1
