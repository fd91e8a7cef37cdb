"""Each role on each page: anonymous, donor, another organization's admin, own admin, reviewer."""

import pytest

from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.organizations.models import OrganizationDocument
from tests.campaigns.factories import draft_initiative, pdf_file
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "donor", "other_admin", "own_admin", "reviewer"]
LOGIN = "login"


@pytest.fixture
def world(organization):
    live = InitiativeFactory(organization=organization, title_ar="حملة حية للاختبار")
    draft = draft_initiative(organization=organization, title_ar="مسودة خاصة بالجمعية")
    submitted = InitiativeFactory(organization=organization, state=Initiative.State.SUBMITTED)
    doc = OrganizationDocument.objects.create(
        organization=organization, kind="registration", file=pdf_file(), original_name="c.pdf"
    )
    return {"org": organization, "live": live, "draft": draft, "submitted": submitted, "doc": doc}


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def _check(roles, url, expected, method="get", data=None):
    for role, want in zip(ROLES, expected, strict=True):
        client = roles(role)
        response = getattr(client, method)(url, data or {})
        assert _status(response) == want, (role, url, response.status_code)


PUBLIC = [200] * 5


@pytest.mark.parametrize(
    "url",
    [
        lambda w: "/",
        lambda w: "/initiatives/",
        lambda w: f"/initiatives/{w['live'].public_code}/",
        lambda w: f"/verify/?code={w['live'].public_code}",
        lambda w: f"/organizations/{w['org'].slug}/",
        lambda w: f"/qr/{w['live'].public_code}.png",
    ],
)
def test_public_pages_open_to_everyone(roles, world, url):
    _check(roles, url(world), PUBLIC)


def test_a_draft_is_seen_only_by_its_organization_and_the_ministry(roles, world):
    _check(roles, f"/initiatives/{world['draft'].public_code}/", [404, 404, 404, 200, 200])


def test_org_dashboard(roles, world):
    _check(roles, "/org/", [LOGIN, 403, 200, 200, 403])
    # Another organization's admin sees their own dashboard, never ours.
    body = roles("other_admin").get("/org/").content.decode()
    assert "مسودة خاصة بالجمعية" not in body
    assert "مسودة خاصة بالجمعية" in roles("own_admin").get("/org/").content.decode()


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_org_initiative_pages(roles, world, suffix):
    _check(
        roles,
        f"/org/initiatives/{world['draft'].public_code}/{suffix}",
        [LOGIN, 403, 404, 200, 403],
    )


def test_new_initiative_page(roles, world):
    _check(roles, "/org/initiatives/new/", [LOGIN, 403, 200, 200, 403])


def test_submit_is_only_for_the_own_admin(roles, world):
    url = f"/org/initiatives/{world['draft'].public_code}/submit/"
    _check(roles, url, [LOGIN, 403, 404, 302, 403], method="post")
    world["draft"].refresh_from_db()
    assert world["draft"].state == Initiative.State.SUBMITTED


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports(roles, world, fmt):
    _check(roles, f"/org/export.{fmt}", [LOGIN, 403, 200, 200, 403])
    if fmt == "csv":
        other = roles("other_admin").get("/org/export.csv").content.decode()
        assert world["draft"].public_code not in other


@pytest.mark.parametrize(
    "url",
    [
        lambda w: "/ministry/",
        lambda w: f"/ministry/organizations/{w['org'].slug}/",
        lambda w: f"/ministry/initiatives/{w['submitted'].public_code}/",
        lambda w: f"/ministry/documents/{w['doc'].pk}/",
        lambda w: "/ministry/audit/",
    ],
)
def test_ministry_pages(roles, world, url):
    _check(roles, url(world), [LOGIN, 403, 403, 403, 200])


def test_ministry_decisions_are_for_reviewers_only(roles, world):
    url = f"/ministry/initiatives/{world['submitted'].public_code}/approve/"
    _check(roles, url, [LOGIN, 403, 403, 403, 302], method="post")
    with scopes_disabled():
        world["submitted"].refresh_from_db()
    assert world["submitted"].state in (Initiative.State.APPROVED, Initiative.State.LIVE)


def test_application_form_needs_sign_in(roles, world):
    _check(roles, "/organizations/apply/", [LOGIN, 200, 200, 200, 200])
