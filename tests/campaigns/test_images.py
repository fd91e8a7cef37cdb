"""Cover images and update photos: validated with Pillow, resized, re-encoded, never SVG."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from joud.campaigns import services
from joud.campaigns.images import MAX_SIDE, process_image
from joud.campaigns.models import Initiative
from joud.core.errors import BusinessError
from tests.campaigns.factories import draft_initiative, picture, svg_file
from tests.factories import InitiativeFactory


def _open(content_file):
    return Image.open(io.BytesIO(content_file.read()))


def test_large_png_is_resized_to_a_jpeg():
    result = process_image(picture(size=(3200, 1800)))
    image = _open(result)
    assert image.format == "JPEG"
    assert max(image.size) == MAX_SIDE
    assert image.size == (1600, 900)
    assert result.name.endswith(".jpg")


def test_small_picture_keeps_its_size():
    image = _open(process_image(picture(size=(800, 600), fmt="JPEG", name="a.jpg")))
    assert image.size == (800, 600)


def test_transparent_picture_becomes_webp():
    image = _open(process_image(picture(mode="RGBA", size=(500, 500))))
    assert image.format == "WEBP"


@pytest.mark.parametrize(
    "upload",
    [
        svg_file(),
        svg_file(name="cover.png", content_type="image/png"),  # an SVG in disguise
        svg_file(name="cover", content_type="application/octet-stream"),
        SimpleUploadedFile("cover.jpg", b"not a picture at all", content_type="image/jpeg"),
        SimpleUploadedFile("cover.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
    ],
)
def test_svg_and_non_pictures_are_refused(upload):
    with pytest.raises(BusinessError):
        process_image(upload)


def test_bmp_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    with pytest.raises(BusinessError):
        process_image(SimpleUploadedFile("a.bmp", out.getvalue(), content_type="image/bmp"))


@pytest.mark.django_db
def test_cover_is_stored_processed(org_admin, organization):
    item = draft_initiative(organization=organization)
    services.initiative_set_cover(
        initiative=item, actor=org_admin, upload=picture(size=(2000, 2000))
    )
    item.refresh_from_db()
    assert item.cover_image.name.startswith("covers/") and item.cover_image.name.endswith(".jpg")
    with item.cover_image.open("rb") as f:
        assert max(Image.open(f).size) == MAX_SIDE


@pytest.mark.django_db
def test_svg_cover_is_refused_and_nothing_stored(org_admin, organization):
    item = draft_initiative(organization=organization)
    with pytest.raises(BusinessError):
        services.initiative_set_cover(initiative=item, actor=org_admin, upload=svg_file())
    item.refresh_from_db()
    assert not item.cover_image


@pytest.mark.django_db
def test_update_with_photo(org_admin, organization):
    item = InitiativeFactory(organization=organization, state=Initiative.State.LIVE)
    update = services.initiative_post_update(
        initiative=item, actor=org_admin, body_ar="وزعنا ٢٠٠ كسوة اليوم.", photo=picture()
    )
    assert update.photo.name.startswith("updates/")
    with pytest.raises(BusinessError):
        services.initiative_post_update(
            initiative=item, actor=org_admin, body_ar="صورة", photo=svg_file()
        )


@pytest.mark.django_db
def test_updates_only_once_approved(org_admin, organization):
    with pytest.raises(BusinessError):
        services.initiative_post_update(
            initiative=draft_initiative(organization=organization), actor=org_admin, body_ar="خبر"
        )
