"""Public pages: home, browse with filters, initiative page (OG tags, share, QR), verify, media."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from joud.campaigns import services
from joud.campaigns.models import Initiative
from joud.campaigns.selectors import ORG_PAGE_FINISHED, ORG_PAGE_LIVE, PAGE_SIZE
from joud.ledger import accounts
from joud.ledger.models import AccountTotal
from joud.ledger.progress import initiative_progress, initiatives_progress
from joud.organizations.models import Organization
from tests.campaigns.factories import picture
from tests.factories import InitiativeFactory, OrganizationFactory, governorate

pytestmark = pytest.mark.django_db
State = Initiative.State
EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""",
    re.I,
)


def get(client, url, lang="ar"):
    sep = "&" if "?" in url else "?"
    return client.get(f"{url}{sep}lang={lang}")


def test_home_shows_live_initiatives_not_drafts(client):
    InitiativeFactory(title_ar="إغاثة عاجلة", is_urgent=True)
    InitiativeFactory(title_ar="مبادرة مميزة", is_featured=True)
    InitiativeFactory(title_ar="مسودة سرية", state=State.DRAFT)
    body = get(client, "/").content.decode()
    assert "إغاثة عاجلة" in body and "مبادرة مميزة" in body
    assert "مسودة سرية" not in body
    assert 'href="/initiatives/"' in body


def test_initiative_page_has_story_progress_org_card_and_share(client):
    item = InitiativeFactory(story_ar="قصة الأسر المحتاجة في الولاية", goal="1500.000")
    response = get(client, f"/initiatives/{item.public_code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "قصة الأسر المحتاجة" in body
    assert '<progress class="joud-progress" max="100" value="0"' in body
    assert item.organization.licence_number in body
    assert f"/organizations/{item.organization.slug}/" in body
    assert f'property="og:title" content="{item.title_ar}"' in body
    assert 'name="twitter:card"' in body
    assert f"/initiatives/{item.public_code}/share/whatsapp/" in body
    assert f"/initiatives/{item.public_code}/share/x/" in body
    assert 'id="copy-link"' in body
    assert "<svg" in body  # the verify QR code, inline
    assert not EXTERNAL.findall(body)


def test_cover_gives_an_og_image_served_by_us(client, org_admin, organization):
    item = InitiativeFactory(organization=organization, state=State.LIVE)
    services.initiative_set_cover(initiative=item, actor=org_admin, upload=picture())
    item.refresh_from_db()
    body = get(client, item.get_absolute_url()).content.decode()
    assert 'property="og:image"' in body
    assert 'content="summary_large_image"' in body
    media = client.get(item.cover_image.url)
    assert media.status_code == 200
    assert media["Content-Type"] == "image/jpeg"


def test_private_documents_are_never_served_as_media(client):

    default_storage.save("private/organizations/1/x.pdf", ContentFile(b"%PDF-1.4"))
    assert client.get("/media/private/organizations/1/x.pdf").status_code == 404
    assert client.get("/media/covers/../private/organizations/1/x.pdf").status_code == 404


def test_share_links_redirect_to_whatsapp_and_x(client):
    item = InitiativeFactory()
    wa = client.get(f"/initiatives/{item.public_code}/share/whatsapp/")
    assert wa.status_code == 302 and wa["Location"].startswith("https://wa.me/?text=")
    x = client.get(f"/initiatives/{item.public_code}/share/x/")
    assert x.status_code == 302 and x["Location"].startswith("https://x.com/intent/post?")
    assert client.get(f"/initiatives/{item.public_code}/share/evil/").status_code == 404


def test_drafts_are_not_public(client):
    item = InitiativeFactory(state=State.DRAFT)
    assert get(client, f"/initiatives/{item.public_code}/").status_code == 404


def test_give_button_placeholder_only_when_accepting(client):
    item = InitiativeFactory()
    body = get(client, item.get_absolute_url()).content.decode()
    # Until the donations app names `donations:give_initiative`, nothing renders and nothing breaks.

    try:
        url = reverse("donations:give_initiative", args=[item.public_code])
    except NoReverseMatch:
        assert "give-button" not in body
    else:
        assert url in body
    Organization.objects.filter(pk=item.organization_id).update(status="suspended")
    body = get(client, item.get_absolute_url(), "en").content.decode()
    assert "give-button" not in body
    assert "not taking donations" in body


def test_browse_filters(client):
    muscat = OrganizationFactory(governorate=governorate("MA"))
    dhofar = OrganizationFactory(governorate=governorate("ZU"), slug="dhofar-org")
    today = timezone.localdate()
    InitiativeFactory(organization=muscat, title_ar="أ-مسقط", category="orphans")
    InitiativeFactory(
        organization=dhofar,
        title_ar="ب-ظفار",
        category="relief",
        ends_on=today + dt.timedelta(days=3),
    )
    InitiativeFactory(organization=dhofar, title_ar="ج-منتهية", state=State.ENDED)

    def titles(query):
        body = get(client, f"/initiatives/?{query}").content.decode()
        return {t for t in ("أ-مسقط", "ب-ظفار", "ج-منتهية") if t in body}

    assert titles("") == {"أ-مسقط", "ب-ظفار"}
    assert titles("category=relief") == {"ب-ظفار"}
    assert titles("governorate=MA") == {"أ-مسقط"}
    assert titles("organization=dhofar-org") == {"ب-ظفار"}
    assert titles("ending_soon=1") == {"ب-ظفار"}
    assert titles("finished=1&organization=dhofar-org") == {"ب-ظفار", "ج-منتهية"}
    assert titles("category=not-a-category") == {"أ-مسقط", "ب-ظفار"}


def test_almost_funded_reads_the_folded_totals(client):

    near = InitiativeFactory(title_ar="قاربت على الاكتمال", goal="1000.000")
    start = InitiativeFactory(title_ar="في بدايتها", goal="1000.000")
    InitiativeFactory(title_ar="بلا هدف", goal=None)
    _fold(near, Decimal("900.000"), 12)
    _fold(start, Decimal("10.000"), 1)
    body = get(client, "/initiatives/?almost_funded=1").content.decode()
    assert "قاربت على الاكتمال" in body
    assert "في بدايتها" not in body and "بلا هدف" not in body
    page = get(client, near.get_absolute_url()).content.decode()
    assert "<bdi>٩٠٪</bdi>" in page  # 90% in Arabic-Indic digits


def test_search_results_come_in_pages_with_the_filters_kept(client):

    for n in range(PAGE_SIZE + 5):
        InitiativeFactory(title_ar=f"سقيا ماء {n}", title_en=f"Water {n}")
    InitiativeFactory(title_ar="كسوة العيد")
    first = get(client, "/initiatives/?q=سقيا", lang="en").content.decode()
    assert sum(f"Water {n}<" in first for n in range(PAGE_SIZE + 5)) == PAGE_SIZE
    assert f"<bdi>{PAGE_SIZE + 5}</bdi> initiatives found" in first
    assert (
        "Page <bdi>1</bdi> of <bdi>2</bdi>" in first
        and 'rel="next"' in first
        and 'rel="prev"' not in first
    )
    assert "q=%D8%B3%D9%82%D9%8A%D8%A7" in first and "page=2" in first  # the query is kept
    second = get(client, "/initiatives/?q=سقيا&page=2", lang="en").content.decode()
    assert (
        "Page <bdi>2</bdi> of <bdi>2</bdi>" in second
        and 'rel="prev"' in second
        and 'rel="next"' not in second
    )
    shown = {n for n in range(PAGE_SIZE + 5) if f"Water {n}<" in first or f"Water {n}<" in second}
    assert len(shown) == PAGE_SIZE + 5  # every match on exactly one of the two pages
    # A page past the end (an old link) shows the last page; a word instead of a number, the first.
    assert (
        "Page <bdi>2</bdi> of <bdi>2</bdi>"
        in get(client, "/initiatives/?q=سقيا&page=9", lang="en").content.decode()
    )
    assert (
        "Page <bdi>1</bdi> of <bdi>2</bdi>"
        in get(client, "/initiatives/?q=سقيا&page=x", lang="en").content.decode()
    )
    arabic = get(client, "/initiatives/?q=سقيا").content.decode()
    assert "الصفحة <bdi>١</bdi> من <bdi>٢</bdi>" in arabic


def test_progress_placeholder_returns_zeros():

    raised, donors = initiative_progress(InitiativeFactory())
    assert raised == Decimal("0.000") and donors == 0


def test_browse_htmx_returns_only_results(client):
    InitiativeFactory(title_ar="نتيجة")
    body = client.get("/initiatives/?q=نتيجه", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "نتيجة" in body


def test_organization_profile(client):
    org = OrganizationFactory(description_ar="نعمل في الولاية منذ ٢٠١٠")
    InitiativeFactory(organization=org, title_ar="حملة حية")
    body = get(client, f"/organizations/{org.slug}/").content.decode()
    assert "نعمل في الولاية" in body and "حملة حية" in body and org.licence_number in body
    pending = OrganizationFactory(status="pending")
    assert get(client, f"/organizations/{pending.slug}/").status_code == 404


def test_organization_profile_shows_the_newest_and_links_to_all(client):

    org = OrganizationFactory(slug="big-org")
    for n in range(ORG_PAGE_LIVE + 3):
        InitiativeFactory(organization=org, title_en=f"Live {n}")
    for n in range(ORG_PAGE_FINISHED + 1):
        InitiativeFactory(organization=org, title_en=f"Done {n}", state=State.ENDED)
    body = get(client, "/organizations/big-org/", lang="en").content.decode()
    assert sum(f"Live {n}<" in body for n in range(ORG_PAGE_LIVE + 3)) == ORG_PAGE_LIVE
    assert sum(f"Done {n}<" in body for n in range(ORG_PAGE_FINISHED + 1)) == ORG_PAGE_FINISHED
    assert f"All <bdi>{ORG_PAGE_LIVE + 3}</bdi> live initiatives" in body
    assert "/initiatives/?organization=big-org" in body
    assert f"All <bdi>{ORG_PAGE_FINISHED + 1}</bdi> finished initiatives" in body
    small = OrganizationFactory(slug="small-org")
    InitiativeFactory(organization=small)
    assert (
        "live initiatives</a>"
        not in get(client, "/organizations/small-org/", lang="en").content.decode()
    )


# ---- verify ---------------------------------------------------------------------------------


def _verify(client, code, lang="en"):
    return client.get(f"/verify/?code={code}&lang={lang}").content.decode()


def test_verify_valid(client):
    item = InitiativeFactory()
    body = _verify(client, item.public_code.lower())
    assert 'data-status="licensed"' in body and "Licensed appeal" in body
    assert item.organization.licence_number in body
    assert "<svg" in body and f"/qr/{item.public_code}.png" in body


def test_verify_by_path_as_the_qr_code_points(client):
    item = InitiativeFactory()
    body = client.get(f"/verify/{item.public_code}/").content.decode()
    assert 'data-status="licensed"' in body


def test_verify_expired(client):
    past = InitiativeFactory(ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert 'data-status="expired"' in _verify(client, past.public_code)
    ended = InitiativeFactory(state=State.ENDED)
    body = _verify(client, ended.public_code)
    assert 'data-status="expired"' in body and "licence has ended" in body


def test_verify_unknown(client):
    body = _verify(client, "ZZZZZZ")
    assert 'data-status="unknown"' in body and "Unknown code" in body


def test_verify_suspended_organization(client):
    item = InitiativeFactory()
    Organization.objects.filter(pk=item.organization_id).update(status="suspended")
    body = _verify(client, item.public_code)
    assert 'data-status="suspended"' in body and "licence is suspended" in body


def test_verify_suspended_initiative(client):
    item = InitiativeFactory(state=State.SUSPENDED)
    body = _verify(client, item.public_code)
    assert 'data-status="suspended"' in body and "appeal is suspended" in body


@pytest.mark.parametrize("state", ["draft", "submitted", "rejected"])
def test_verify_not_licensed(client, state):
    item = InitiativeFactory(state=state)
    assert 'data-status="not_licensed"' in _verify(client, item.public_code)


def test_qr_png_points_to_verify(client):
    item = InitiativeFactory()
    response = client.get(f"/qr/{item.public_code}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    svg = client.get(f"/qr/{item.public_code}.svg")
    assert svg.status_code == 200 and b"<svg" in svg.content
    assert client.get("/qr/bad-code!.png").status_code == 404


def _fold(initiative, raised, donations):

    account = accounts.initiative_account(initiative)
    AccountTotal.objects.update_or_create(
        account=account, defaults={"raised": raised, "donations": donations}
    )


def test_bulk_progress_matches_the_single_progress_function():

    a, b, c = InitiativeFactory(), InitiativeFactory(), InitiativeFactory()
    _fold(a, Decimal("125.500"), 3)
    _fold(b, Decimal("10.000"), 1)
    bulk = initiatives_progress([a, b, c])
    assert bulk == {i.pk: initiative_progress(i) for i in (a, b, c)}
    assert bulk[a.pk] == (Decimal("125.500"), 3) and bulk[c.pk] == (Decimal("0.000"), 0)


def test_home_totals_and_query_count(client, django_assert_max_num_queries):

    items = [InitiativeFactory(is_urgent=n % 2 == 0, is_featured=n % 3 == 0) for n in range(12)]
    _fold(items[0], Decimal("100.250"), 4)
    _fold(items[1], Decimal("0.750"), 1)
    ended = InitiativeFactory(state=State.ENDED)
    _fold(ended, Decimal("999.000"), 9)  # not live: not in the live totals
    with django_assert_max_num_queries(25):
        body = get(client, "/").content.decode()
    assert "١٠١\u00a0ر.ع." in body  # 101.000 raised for live initiatives: whole rials


def test_a_cached_card_still_shows_live_progress_and_follows_edits(client):
    """The card's text is cached per process; its progress never is, and an edit saved
    through the model (a new updated_at) or a state change shows at once."""

    item = InitiativeFactory(title_en="Wells for Bidiya", goal="1000.000")
    _fold(item, Decimal("100.000"), 2)
    first = get(client, "/initiatives/", lang="en").content.decode()
    assert "Wells for Bidiya" in first and "OMR\xa0100</bdi>" in first
    _fold(item, Decimal("250.500"), 5)
    item.title_en = "Wells for Bidiya and Wadi Bani Khalid"
    item.save()
    again = get(client, "/initiatives/", lang="en").content.decode()
    assert "OMR\xa0250.500" in again and "Wadi Bani Khalid" in again
    item.state = State.ENDED
    item.save(update_fields=["state"])
    finished = get(client, "/initiatives/?finished=1", lang="en").content.decode()
    assert "Wadi Bani Khalid" in finished and "state-ended" in finished
