import pytest

from joud.geo.models import Governorate, Wilayat

pytestmark = pytest.mark.django_db


def test_eleven_governorates_and_sixty_three_wilayats_in_both_languages():
    assert Governorate.objects.count() == 11
    assert Wilayat.objects.count() == 63
    for place in [*Governorate.objects.all(), *Wilayat.objects.all()]:
        assert place.name_ar and place.name_en
        assert any("\u0600" <= ch <= "\u06ff" for ch in place.name_ar)


def test_muscat_has_its_six_wilayats():
    muscat = Governorate.objects.get(code="MA")
    assert set(muscat.wilayats.values_list("name_en", flat=True)) == {
        "Muscat", "Muttrah", "Al Amerat", "Bawshar", "As Seeb", "Qurayyat",
    }  # fmt: skip
