"""Complete Arabic catalogues, and no English phrase of ours left on the Arabic pages."""

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import Client

from joud.campaigns.models import Initiative
from tests.factories import InitiativeFactory
from tests.fixtures.signin import login_with_totp

SRC = Path(__file__).resolve().parents[2] / "src" / "joud"
CATALOGUES = [SRC / app / "locale/ar/LC_MESSAGES/django.po" for app in ("campaigns", "ministry")]


def _catalogue(path):
    with path.open("rb") as f:
        return read_po(f, locale="ar")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_message_is_translated(path):
    untranslated = []
    for message in _catalogue(path):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(message.id)
    assert untranslated == []


def _phrases():
    phrases = set()
    for path in CATALOGUES:
        for message in _catalogue(path):
            text = message.id if isinstance(message.id, str) else ""
            if text and " " in text and "%" not in text and len(text) > 8:
                phrases.add(text)
    return phrases


def _visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(body)


@pytest.mark.django_db
def test_arabic_pages_have_no_english_phrases_of_ours(client, org_admin, reviewer, organization):

    org_client = login_with_totp(Client(), org_admin)
    ministry_client = login_with_totp(Client(), reviewer)
    live = InitiativeFactory(organization=organization, story_ar="قصة")
    draft = InitiativeFactory(organization=organization, state=Initiative.State.DRAFT)
    phrases = _phrases()
    pages = [
        (client, "/"),
        (client, "/initiatives/"),
        (client, f"/initiatives/{live.public_code}/"),
        (client, f"/verify/{live.public_code}/"),
        (client, "/verify/?code=NOPE99"),
        (client, f"/organizations/{organization.slug}/"),
        (org_client, "/org/"),
        (org_client, f"/org/initiatives/{draft.public_code}/"),
        (org_client, f"/org/initiatives/{live.public_code}/"),
        (org_client, "/org/initiatives/new/"),
        (org_client, "/organizations/apply/"),
        (ministry_client, "/ministry/"),
        (ministry_client, f"/ministry/organizations/{organization.slug}/"),
        (ministry_client, f"/ministry/initiatives/{draft.public_code}/"),
    ]
    for c, url in pages:
        response = c.get(url + ("&" if "?" in url else "?") + "lang=ar")
        assert response.status_code == 200, url
        text = _visible_text(response.content.decode())
        left = sorted(p for p in phrases if p in text)
        assert left == [], (url, left)
