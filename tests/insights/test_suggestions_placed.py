"""Suggestions where donors meet them: on their space (/me/) and after giving (the thank-you
page fetches them once shown). Only initiatives taking gifts now, never one already given to,
and cheap: the pages' query counts are bounded (measured before the suggestions were placed:
the donor's space 10 queries, the thank-you page 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.donations.access import SESSION_KEY
from joud.insights.models import SimilarInitiative
from tests.donations.factories import make_donation
from tests.factories import InitiativeFactory
from tests.web.gifts import bulk_gifts

pytestmark = pytest.mark.django_db


def _suggested(html: str) -> set[str]:
    import re

    section = html.split("data-suggestions", 1)[1] if "data-suggestions" in html else ""
    return set(re.findall(r'data-initiative="([^"]+)"', section))


@pytest.fixture
def world(db):
    given = InitiativeFactory(title_en="Given wells", category="water")
    similar = InitiativeFactory(title_en="Similar wells", category="water")
    suspended = InitiativeFactory(title_en="Suspended fund")
    ended = InitiativeFactory(
        title_en="Past its end", ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    finished = InitiativeFactory(title_en="Finished", state=Initiative.State.ENDED)
    other = InitiativeFactory(title_en="Other meals", category="school_meals")
    for o in (suspended, ended, finished, similar):
        SimilarInitiative.objects.create(initiative=given, other=o, score=0.9)
    suspended.state = Initiative.State.SUSPENDED
    suspended.save()
    return {
        "given": given,
        "similar": similar,
        "suspended": suspended,
        "ended": ended,
        "finished": finished,
        "other": other,
    }


def _codes(world, *names):
    return {world[n].public_code for n in names}


def test_the_donor_space_suggests_open_initiatives_not_given_to(
    client, donor, world, django_assert_max_num_queries
):
    bulk_gifts(donor=donor, initiative=world["given"], count=3)
    client.force_login(donor)
    first = client.get("/me/", {"lang": "en"}).content.decode()
    shown = _suggested(first)
    assert world["similar"].public_code in shown
    assert not shown & _codes(world, "given", "suspended", "ended", "finished")
    assert "You may also want to support" in first
    # Warm (the open initiatives and the popular list cached): three queries more than the 10
    # the page took without suggestions (the donor's recent gifts, their neighbours, the picks).
    with django_assert_max_num_queries(13):
        assert client.get("/me/").status_code == 200


def test_a_donor_with_no_history_gets_open_initiatives_or_nothing(client, donor, world):
    client.force_login(donor)
    shown = _suggested(client.get("/me/", {"lang": "ar"}).content.decode())
    assert shown <= _codes(world, "given", "similar", "other")
    Initiative.unscoped.update(state=Initiative.State.SUSPENDED)
    cache.clear()
    page = client.get("/me/", {"lang": "ar"})
    assert page.status_code == 200 and "data-suggestions" not in page.content.decode()


def test_the_thank_you_page_fetches_suggestions_after_the_gift(
    client, world, django_assert_max_num_queries
):
    donation, _attempt = make_donation(initiative=world["given"])
    session = client.session
    session[SESSION_KEY] = [donation.reference]
    session.save()
    url = f"/give/thanks/{donation.reference}/"
    client.get(url)
    with django_assert_max_num_queries(8):  # as before: the suggestions are not on its bill
        page = client.get(url).content.decode()
    slot = f'hx-get="{reverse("insights:suggested")}?after={world["given"].public_code}"'
    assert slot in page and 'hx-trigger="load"' in page
    query = {"after": world["given"].public_code, "lang": "en"}
    client.get(reverse("insights:suggested"), query)
    with django_assert_max_num_queries(4):  # the initiative, its neighbours, the picks (+session)
        fragment = client.get(reverse("insights:suggested"), query).content.decode()
    shown = _suggested(fragment)
    assert world["similar"].public_code in shown
    assert not shown & _codes(world, "given", "suspended", "ended", "finished")
    assert "Others you may want to support" in fragment


def test_a_suspension_shows_at_once_whatever_the_cache_holds(client, world):
    url = f"{reverse('insights:suggested')}?after={world['given'].public_code}"
    assert world["similar"].public_code in _suggested(client.get(url).content.decode())
    world["similar"].state = Initiative.State.SUSPENDED
    world["similar"].save()
    assert world["similar"].public_code not in _suggested(client.get(url).content.decode())


@pytest.mark.parametrize("code", ["", "nope", "x" * 5000, "a\x00b", "١٢٣", "<script>"])
def test_a_bad_code_is_no_error(client, world, code):
    response = client.get(reverse("insights:suggested"), {"after": code})
    # A NUL byte is refused by the platform before any view (400 with a message); others: 200.
    assert response.status_code == (400 if "\x00" in code else 200)
    assert not _suggested(response.content.decode()) & _codes(world, "suspended", "ended")
