"""No cache keeps a page or file with someone's personal data: ``Cache-Control: no-store``.

The pages come from the access matrix: every URL pattern whose GET is for signed-in people only
(case pages and case exports, the donor's and the volunteer's own pages, receipts and
statements, the finance pages, the organization's dashboard and its CSV/Excel exports, the
ministry's pages and documents, the Django admin), fetched as a role allowed to open it; then
the pages a secret link opens without signing in, and the answer to a post. A new sign-in-only
URL is in this test as soon as it has its row in the matrix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.matrix.probe import ask, path_for, url_patterns
from tests.security.matrix.table import TABLE

pytestmark = pytest.mark.django_db

PRESENT = {key for key, _route in url_patterns()}
# The role each sign-in-only page is opened as: the first of these the row allows.
PREFERRED = ("donor", "volunteer", "admin_a", "caseworker_a", "finance_a", "coordinator_a")


def _role(allowed: frozenset) -> str:
    return next((r for r in PREFERRED if r in allowed), None) or sorted(allowed)[0]


def _signed_in_only() -> list[tuple[str, str, str | None]]:
    cases = []
    for key in sorted(TABLE):
        row = TABLE[key]
        if key in PRESENT and row.get and "anonymous" not in row.get:
            cases.append((key, _role(row.get), None))
    return cases


def _path(world, key: str, kwargs: dict | None) -> str:
    return reverse(key, kwargs=kwargs) if kwargs else path_for(key, TABLE[key], world)


CASES = [
    *_signed_in_only(),
    # The Excel export beside the matrix's CSV one.
    ("campaigns:org_export", "admin_a", "xlsx"),
    # Secret links that show a gift, a plan or a minor's consent without signing in.
    ("donations:thanks", "anonymous", None),
    ("donations:thanks_status", "anonymous", None),
    ("donations:plan_manage", "anonymous", None),
    ("receipts:verify", "anonymous", None),
    ("volunteering:consent", "anonymous", None),
]


@pytest.mark.parametrize(
    ("key", "role", "variant"), CASES, ids=[f"{k}-{r}{'-' + v if v else ''}" for k, r, v in CASES]
)
def test_every_sensitive_answer_says_no_store(world, key, role, variant):
    kwargs = {"fmt": variant} if variant else None
    path = _path(world, key, kwargs)
    response = ask(world.clients[role], "GET", path)
    assert response.status_code < 500, (path, response.status_code)
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, (
        f"GET {path} ({key}) as {role}: {response.status_code}, Cache-Control {cache_control!r}"
    )
    assert "public" not in cache_control


def test_the_list_reaches_the_exports_case_pages_and_finance_pages():
    keys = {key for key, _role, _variant in CASES}
    for key in (
        "beneficiaries:case_detail",
        "beneficiaries:export",
        "beneficiaries:document_download",
        "campaigns:org_export",
        "volunteering:roster_csv",
        "receipts:donation_pdf",
        "receipts:statement",
        "finance:org_finance",
        "donations:mine",
        "web:org_dashboard",
        "ministry:document",
    ):
        assert key in keys, key


def test_a_post_answer_is_never_stored(world):
    path = reverse("beneficiaries:apply", kwargs={"org": world.org_a.slug})
    response = ask(world.clients["anonymous"], "POST", path, {"full_name": "x"})
    assert "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("key", ["web:home", "campaigns:detail", "campaigns:browse"])
def test_public_pages_for_visitors_stay_cacheable(world, key):
    response = ask(world.clients["anonymous"], "GET", path_for(key, TABLE[key], world))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_page_marked_public_stays_public_for_a_signed_in_person(world):
    path = path_for("campaigns:qr_svg", TABLE["campaigns:qr_svg"], world)
    response = ask(world.clients["donor"], "GET", path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
