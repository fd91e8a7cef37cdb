"""Covers: the organization uploads or replaces its own (checked: type, size, dimensions; a
refusal in the person's language, never a 500); without one the pages show a drawn cover with no
words in it, the same for both languages; cards show a short text, not the title again."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from joud.campaigns import images
from joud.campaigns.cards import card_text, repeats_title
from joud.campaigns.models import Initiative
from tests.campaigns.factories import picture, svg_file
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _page(client, url, lang):
    return client.get(f"{url}?lang={lang}").content.decode()


def test_without_an_upload_the_pages_show_the_drawn_cover_in_both_languages(client):
    item = InitiativeFactory(category="health")
    assert not item.cover_image
    art = item.cover_url
    assert art.startswith("/covers/health-") and art.endswith(".jpg")
    for lang in ("ar", "en"):
        assert f'src="{art}"' in _page(client, item.get_absolute_url(), lang)
        assert f'src="{art}"' in _page(client, "/", lang)
    response = client.get(art)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG" and image.size == images.ART_SIZE


def test_the_drawn_cover_has_no_words_and_differs_by_category():
    # Text would be small, sharp, high-contrast shapes: the art is gradients, thin outlines and
    # soft circles. Two categories draw in different colours; one category's variants differ.
    health = Image.open(io.BytesIO(images.fallback_cover("health", 0))).convert("RGB")
    orphans = Image.open(io.BytesIO(images.fallback_cover("orphans", 0))).convert("RGB")
    assert health.getpixel((480, 500)) != orphans.getpixel((480, 500))
    assert images.fallback_cover("health", 0) != images.fallback_cover("health", 1)
    # the words used to be drawn at the bottom right, in white: no white there now
    corner = health.crop((480, 380, 940, 520))
    raw = corner.tobytes()
    whites = sum(1 for i in range(0, len(raw), 3) if min(raw[i : i + 3]) > 235)
    assert whites < corner.width * corner.height * 0.002


def test_unknown_drawn_cover_is_a_404(client):
    assert client.get("/covers/nothing-0.jpg").status_code == 404
    assert client.get(f"/covers/health-{images.ART_VARIANTS}.jpg").status_code == 404


def test_an_uploaded_cover_replaces_the_drawing_on_the_pages(client, org_admin, organization):
    from joud.campaigns import services

    item = InitiativeFactory(organization=organization)
    services.initiative_set_cover(initiative=item, actor=org_admin, upload=picture())
    item.refresh_from_db()
    assert item.cover_url == item.cover_image.url
    body = _page(client, item.get_absolute_url(), "en")
    assert f'src="{item.cover_image.url}"' in body
    assert "/covers/" not in body.split("<main", 1)[-1].split("</article>")[0].replace(
        item.cover_image.url, ""
    )


@pytest.mark.parametrize("state", [Initiative.State.DRAFT, Initiative.State.LIVE])
def test_the_organization_replaces_the_cover_from_its_initiative_page(
    org_client, organization, state
):
    item = InitiativeFactory(organization=organization, state=state)
    c = org_client
    page = c.get(f"/org/initiatives/{item.public_code}/?lang=en").content.decode()
    assert f'action="/org/initiatives/{item.public_code}/cover/"' in page
    response = c.post(
        f"/org/initiatives/{item.public_code}/cover/?lang=en", {"cover": picture()}, follow=True
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.cover_image.name.startswith("covers/")
    assert "Cover saved" in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "english", "arabic"),
    [
        (lambda: picture(size=(400, 300)), "too small", "صغيرة"),
        (lambda: svg_file(), "SVG", "SVG"),
        (
            lambda: SimpleUploadedFile("c.jpg", b"\x00\x01 not a picture", "image/jpeg"),
            "not a picture",
            "تعذّرت قراءة هذا الملف",
        ),
    ],
)
def test_a_refused_cover_is_said_in_the_persons_language(
    org_client, organization, upload, english, arabic
):
    item = InitiativeFactory(organization=organization)
    c = org_client
    for lang, words in (("en", english), ("ar", arabic)):
        response = c.post(
            f"/org/initiatives/{item.public_code}/cover/?lang={lang}",
            {"cover": upload()},
            follow=True,
        )
        assert response.status_code == 200
        assert words in response.content.decode(), lang
    item.refresh_from_db()
    assert not item.cover_image


def test_a_too_small_cover_on_the_draft_form_is_shown_beside_the_field(org_client, organization):
    item = InitiativeFactory(organization=organization, state=Initiative.State.DRAFT)
    c = org_client
    form = c.get(f"/org/initiatives/{item.public_code}/edit/?lang=en")
    assert form.status_code == 200
    data = {
        "title_ar": item.title_ar,
        "title_en": item.title_en,
        "summary_ar": "",
        "summary_en": "",
        "story_ar": "قصة",
        "story_en": "",
        "category": item.category,
        "goal": "1000",
        "admin_share_percent": "1",
        "starts_on": item.starts_on.isoformat(),
        "ends_on": item.ends_on.isoformat(),
        "cover": picture(size=(500, 200)),
    }
    response = c.post(f"/org/initiatives/{item.public_code}/edit/?lang=en", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "too small" in body and "500 × 200" in body, response.context["form"].errors
    item.refresh_from_db()
    assert not item.cover_image


def test_a_cover_of_too_many_pixels_is_refused_without_a_500(org_client, organization):
    item = InitiativeFactory(organization=organization)
    c = org_client
    huge = picture(size=(9000, 5000), fmt="JPEG", name="big.jpg")  # 45 Mpx, a small file
    response = c.post(
        f"/org/initiatives/{item.public_code}/cover/?lang=en", {"cover": huge}, follow=True
    )
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()


def test_cards_show_a_short_story_not_the_title_again(client):
    story = (
        "تعيش أسر كثيرة في الولاية على دخل لا يكفي لمصاريف المدرسة، والجمعية تكفل أربعين يتيماً "
        "بمصاريفهم الدراسية والكسوة والغذاء طوال العام، وتزور كل أسرة مرة في الشهر. " * 3
    )
    InitiativeFactory(
        title_ar="كفالة الأيتام - صحار",
        summary_ar="ساهم في كفالة الأيتام في ولاية صحار.",
        story_ar=story,
        title_en="Orphan sponsorship - Sohar",
        summary_en="Help with: Orphan sponsorship - Sohar.",
        story_en="Forty orphans need their school fees, clothes and food for the whole year.",
    )
    ar = _page(client, "/", "ar")
    assert "ساهم في كفالة الأيتام" not in ar
    assert "تعيش أسر كثيرة في الولاية" in ar
    assert story.strip() not in ar  # the start, not the whole story
    en = _page(client, "/", "en")
    assert "Help with:" not in en
    assert "Forty orphans need their school fees" in en


def test_a_summary_that_says_something_new_is_kept():
    assert not repeats_title("Hot school meals for 300 pupils in Ibri", "School meals - Ibri")
    assert repeats_title("Help with: School meals - Ibri.", "School meals - Ibri")
    assert (
        card_text(title="School meals", summary="Hot meals for 300 pupils", story_lead="x")
        == "Hot meals for 300 pupils"
    )
    assert card_text(title="School meals", summary="School meals", story_lead="") == ""


def test_the_initiative_page_does_not_say_the_title_twice(client):
    item = InitiativeFactory(
        title_en="School meals - Ibri",
        summary_en="Help with: School meals - Ibri.",
        story_en="Two hundred pupils go to school without breakfast.",
    )
    body = _page(client, item.get_absolute_url(), "en")
    assert '<p class="lead" dir="auto">' not in body
    assert "Two hundred pupils go to school without breakfast." in body
    item.summary_en = "Hot meals for 200 pupils every school morning"
    item.save()
    body = _page(client, item.get_absolute_url(), "en")
    assert '<p class="lead" dir="auto">Hot meals for 200 pupils every school morning</p>' in body
