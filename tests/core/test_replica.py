"""The database router: the public pages' reads from the replica, everything else (and every
write, every migration) on the primary, and a browser that has just written kept on the primary.

The replica here is a second alias on the test database configured as Django's test MIRROR of
``default``: a separate connection that sees only what is committed. Inside a (non-transactional)
test everything written is uncommitted on the primary, so the mirror behaves like a replica that
has not caught up yet: what a page reads from it proves where the read went.
"""

from __future__ import annotations

import copy
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test.utils import CaptureQueriesContext, override_settings

from joud.campaigns.models import Initiative
from joud.core.replica import (
    PIN_COOKIE,
    REPLICA_DB_ALIAS,
    PrimaryReplicaRouter,
    reading_from_replica,
)
from joud.core.tenancy import scopes_disabled
from joud.ledger.services import ledger_fold
from tests.donations.factories import apply_accepted
from tests.factories import InitiativeFactory
from tests.fixtures.environment import ensure_geo


def _add_mirror_alias() -> None:
    """A ``replica`` alias on the test database (before the test databases are set up)."""
    if REPLICA_DB_ALIAS not in connections.settings:
        mirror = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
        mirror["TEST"] = {**mirror["TEST"], "MIRROR": DEFAULT_DB_ALIAS}
        connections.settings[REPLICA_DB_ALIAS] = mirror


_add_mirror_alias()

BOTH = [DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS]
routed = override_settings(DATABASE_ROUTERS=["joud.core.replica.PrimaryReplicaRouter"])


class Captured:
    """The SQL each alias ran during a block."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in BOTH}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self.contexts.values():
            context.__exit__(*exc)

    def tables(self, alias: str, table: str) -> int:
        return sum(table in q["sql"] for q in self.contexts[alias].captured_queries)


def _public_pages(initiative) -> dict[str, str]:
    return {
        "home": "/",
        "search": "/initiatives/?q=" + initiative.title_ar.split()[0],
        "initiative": initiative.get_absolute_url(),
        "organization": f"/organizations/{initiative.organization.slug}/",
        "where the money went": f"/ledger/initiative/{initiative.public_code}/",
    }


# --- routing decisions ---------------------------------------------------------------------


def test_without_a_replica_there_is_no_router_and_no_alias_by_default():
    from joud.settings import replica

    # settings/replica.py read no DATABASE_REPLICA_URL in the test environment
    assert replica.REPLICA_DATABASES == {} and replica.DATABASE_ROUTERS == []
    assert router.db_for_read(Initiative) == DEFAULT_DB_ALIAS


def test_router_sends_reads_to_the_replica_only_inside_a_public_page():
    primary_replica = PrimaryReplicaRouter()
    assert primary_replica.db_for_read(Initiative) == DEFAULT_DB_ALIAS
    assert primary_replica.db_for_write(Initiative) == DEFAULT_DB_ALIAS


@routed
def test_migrations_run_only_on_the_primary():
    assert router.allow_migrate_model(DEFAULT_DB_ALIAS, Initiative)
    assert not router.allow_migrate_model(REPLICA_DB_ALIAS, Initiative)
    assert not router.allow_migrate(REPLICA_DB_ALIAS, "sessions")


@routed
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_public_gets_read_from_the_replica_and_writes_stay_on_the_primary(client):
    ensure_geo()
    initiative = InitiativeFactory()  # committed: the replica has caught up
    for name, url in _public_pages(initiative).items():
        with Captured() as captured:
            response = client.get(url)
        assert response.status_code == 200, name
        assert captured.tables(REPLICA_DB_ALIAS, "campaigns_initiative"), name
        assert not captured.tables(DEFAULT_DB_ALIAS, "campaigns_initiative"), name
        assert PIN_COOKIE not in response.cookies, name
        # who is visiting (the session) is always read where it is written
        assert not captured.tables(REPLICA_DB_ALIAS, "django_session"), name
    assert not reading_from_replica()  # reset after every request


@routed
@pytest.mark.django_db(databases=BOTH)
def test_post_is_served_by_the_primary_and_pins_the_browser(client):
    ensure_geo()
    initiative = InitiativeFactory()
    with Captured() as captured:
        response = client.post(
            f"/give/{initiative.public_code}/",
            {"preset": "5.000", "custom_amount": "", "gift_language": "ar"},
        )
    assert response.status_code == 302
    assert not captured.contexts[REPLICA_DB_ALIAS].captured_queries
    pinned_until = float(response.cookies[PIN_COOKIE].value)
    assert time.time() + 20 < pinned_until <= time.time() + 31
    assert response.cookies[PIN_COOKIE]["max-age"] == 30
    # the pinned browser's next public page is read from the primary (which has the initiative;
    # the replica, seeing nothing uncommitted, would answer 404)
    with Captured() as captured:
        assert client.get(initiative.get_absolute_url()).status_code == 200
    assert not captured.contexts[REPLICA_DB_ALIAS].captured_queries
    assert captured.tables(DEFAULT_DB_ALIAS, "campaigns_initiative")


@routed
@pytest.mark.django_db(databases=BOTH)
def test_an_expired_or_garbled_pin_reads_from_the_replica_again(client):
    ensure_geo()
    initiative = InitiativeFactory()  # uncommitted: only the primary has it
    for value in (f"{time.time() - 1:.0f}", "not-a-time"):
        client.cookies[PIN_COOKIE] = value
        with Captured() as captured:
            assert client.get(initiative.get_absolute_url()).status_code == 404
        assert captured.tables(REPLICA_DB_ALIAS, "campaigns_initiative")
    client.cookies[PIN_COOKIE] = f"{time.time() + 5:.0f}"
    assert client.get(initiative.get_absolute_url()).status_code == 200


@routed
@pytest.mark.django_db(databases=BOTH)
def test_pages_that_are_not_public_read_from_the_primary(client, donor):
    client.force_login(donor)
    with Captured() as captured:
        assert client.get("/me/").status_code == 200
        assert client.get("/healthz").status_code == 200
    assert not captured.contexts[REPLICA_DB_ALIAS].captured_queries


# --- read-your-own-writes against a replica that lags ----------------------------------------


@routed
@pytest.mark.django_db(databases=BOTH)
def test_the_donor_who_just_gave_sees_the_gift_while_the_replica_lags(client, settings):
    """Everything below is uncommitted on the primary: the replica has none of it yet."""
    settings.LANGUAGE_CODE = "en"
    ensure_geo()
    initiative = InitiativeFactory(title_en="Well for Bidiya")
    page = initiative.get_absolute_url() + "?lang=en"
    # a visitor who has written nothing reads from the replica, which does not have it yet
    assert client.get(page).status_code == 404

    response = client.post(
        f"/give/{initiative.public_code}/",
        {"preset": "5.000", "custom_amount": "7.250", "gift_language": "ar"},
    )
    client.post(response["Location"], {"outcome": "succeeded", "duplicates": 1, "delay": 0})
    apply_accepted()
    ledger_fold()
    with scopes_disabled():
        assert initiative.donations.get().state == "confirmed"

    with Captured() as captured:
        back = client.get(page)
    assert back.status_code == 200
    assert "7.250" in back.content.decode()  # the gift, in the total raised
    assert not captured.contexts[REPLICA_DB_ALIAS].captured_queries

    # another browser, which never wrote, is still served by the lagging replica
    other = client.__class__()
    assert other.get(page).status_code == 404


@routed
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_page_whose_replica_fails_is_drawn_again_from_the_primary(client, caplog):
    ensure_geo()
    initiative = InitiativeFactory(title_ar="بئر ماء في بدية")
    replica = connections[REPLICA_DB_ALIAS]
    port = replica.settings_dict["PORT"]
    replica.close()
    replica.settings_dict["PORT"] = "1"  # nothing listens there: the replica is down
    try:
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
            response = client.get(initiative.get_absolute_url())
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port
    assert response.status_code == 200
    assert "بئر ماء في بدية" in response.content.decode()
    assert any("campaigns_initiative" in q["sql"] for q in on_primary.captured_queries)
    assert "replica failed" in caplog.text
    # and with the replica back, the next visitor reads from it again
    with Captured() as captured:
        assert client.get(initiative.get_absolute_url()).status_code == 200
    assert captured.tables(REPLICA_DB_ALIAS, "campaigns_initiative")


def test_without_a_replica_an_error_page_stays_what_it_is(rf, monkeypatch):
    """No replica configured: a 404 (or any exception) of any page is none of the middleware's
    business, and it must not look up a ``replica`` connection that does not exist (it turned
    every 404 into a 500)."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError
    from django.http import Http404

    import joud.core.replica as replica

    class NoReplica:
        def __getitem__(self, alias):
            raise ImproperlyConfigured(f"The connection '{alias}' doesn't exist.")

    monkeypatch.setattr(replica, "connections", NoReplica())
    middleware = replica.ReplicaPinMiddleware(lambda request: None)
    request = rf.get("/initiatives/no-such/")
    for error in (Http404(), DatabaseError("primary down"), ValueError("bug")):
        assert middleware.process_exception(request, error) is None
