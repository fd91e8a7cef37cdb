"""schemathesis against the API's own OpenAPI document: for every operation, generated
requests (valid and not) never get a server error and every answer matches its schema:
anonymous, with an organization's token that may do everything, and with a ministry token that
may do everything (each kind of token meets the other's addresses too: a documented 403)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from joud.api.api import api
from joud.campaigns.models import Initiative
from tests.api.conftest import make_ministry_token, make_token
from tests.factories import InitiativeFactory, OrganizationFactory

# What the issue asks: no server error, every answer as documented (status, type, body).
# Left out: "a schema-valid request is accepted" (an opaque cursor that decodes to nothing is a
# 400 by design), "a missing Authorization is a 401" (the API answers 403, as the access matrix
# expects of every refusal) and "invalid data is refused" (unknown query parameters are
# ignored, as everywhere on the site; invalid values of known ones are 400s, tested in
# test_public.py and test_tokens.py).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
# A NUL byte is refused by the site's NulByteMiddleware before the API, with the site's HTML
# error page (joud.web.views): not the API's to answer, so not generated here.
schema.config.generation.update(allow_x00=False)
APP = WSGIHandler()
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@pytest.fixture
def world(db, settings):
    """A live initiative to find. Requests go through Django's WSGI handler, which (unlike the
    test client) closes the connection after each request: keep the test's transaction open."""
    settings.JOUD_API_RATE_PER_ADDRESS = "100000/60"
    settings.JOUD_API_RATE_PER_TOKEN = "100000/60"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Something in each ministry queue, for the generated decisions to meet.
    OrganizationFactory(status="pending", slug="waiting")
    InitiativeFactory(state=Initiative.State.SUBMITTED)
    yield InitiativeFactory()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_anonymous(case, world):
    case.call_and_validate(app=APP, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_with_a_token(case, world):
    raw = make_token(world.organization)
    case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {raw}"}, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_with_a_ministry_token(case, world):
    raw = make_ministry_token()
    case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {raw}"}, checks=CHECKS)
