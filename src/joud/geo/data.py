"""Oman's 11 governorates and their wilayats, Arabic and English.

Source: Royal Decree 114/2011 (61 wilayats), plus Al Jabal Al Akhdar (Ad Dakhiliyah) and Sinaw
(North Al Sharqiyah), which bring the count to the 63 reported today. Codes follow ISO 3166-2:OM
where one exists.
"""

from joud.geo.models import Governorate, Wilayat

GOVERNORATES = [
    # code, Arabic, English, [(Arabic, English), ...]
    ("MA", "مسقط", "Muscat", [
        ("مسقط", "Muscat"), ("مطرح", "Muttrah"), ("العامرات", "Al Amerat"),
        ("بوشر", "Bawshar"), ("السيب", "As Seeb"), ("قريات", "Qurayyat"),
    ]),
    ("ZU", "ظفار", "Dhofar", [
        ("صلالة", "Salalah"), ("طاقة", "Taqah"), ("مرباط", "Mirbat"), ("رخيوت", "Rakhyut"),
        ("ثمريت", "Thumrait"), ("ضلكوت", "Dhalkut"), ("المزيونة", "Al Mazyunah"),
        ("مقشن", "Muqshin"), ("شليم وجزر الحلانيات", "Shalim and the Hallaniyat Islands"),
        ("سدح", "Sadah"),
    ]),
    ("MU", "مسندم", "Musandam", [
        ("خصب", "Khasab"), ("دبا", "Daba"), ("بخا", "Bukha"), ("مدحاء", "Madha"),
    ]),
    ("BU", "البريمي", "Al Buraimi", [
        ("البريمي", "Al Buraimi"), ("محضة", "Mahdah"), ("السنينة", "As Sunaynah"),
    ]),
    ("DA", "الداخلية", "Ad Dakhiliyah", [
        ("نزوى", "Nizwa"), ("بهلاء", "Bahla"), ("منح", "Manah"), ("الحمراء", "Al Hamra"),
        ("أدم", "Adam"), ("إزكي", "Izki"), ("سمائل", "Samail"), ("بدبد", "Bidbid"),
        ("الجبل الأخضر", "Al Jabal Al Akhdar"),
    ]),
    ("BS", "شمال الباطنة", "North Al Batinah", [
        ("صحار", "Sohar"), ("شناص", "Shinas"), ("لوى", "Liwa"), ("صحم", "Saham"),
        ("الخابورة", "Al Khaburah"), ("السويق", "As Suwayq"),
    ]),
    ("BJ", "جنوب الباطنة", "South Al Batinah", [
        ("الرستاق", "Ar Rustaq"), ("العوابي", "Al Awabi"), ("نخل", "Nakhal"),
        ("وادي المعاول", "Wadi Al Maawil"), ("بركاء", "Barka"), ("المصنعة", "Al Musannah"),
    ]),
    ("SJ", "جنوب الشرقية", "South Al Sharqiyah", [
        ("صور", "Sur"), ("الكامل والوافي", "Al Kamil Wal Wafi"),
        ("جعلان بني بو حسن", "Jaalan Bani Bu Hassan"), ("جعلان بني بو علي", "Jaalan Bani Bu Ali"),
        ("مصيرة", "Masirah"),
    ]),
    ("SS", "شمال الشرقية", "North Al Sharqiyah", [
        ("إبراء", "Ibra"), ("المضيبي", "Al Mudhaibi"), ("بدية", "Bidiyah"), ("القابل", "Al Qabil"),
        ("وادي بني خالد", "Wadi Bani Khalid"), ("دماء والطائيين", "Dima Wa Al Taiyyin"),
        ("سناو", "Sinaw"),
    ]),
    ("ZA", "الظاهرة", "Ad Dhahirah", [
        ("عبري", "Ibri"), ("ينقل", "Yanqul"), ("ضنك", "Dhank"),
    ]),
    ("WU", "الوسطى", "Al Wusta", [
        ("هيماء", "Haima"), ("الدقم", "Duqm"), ("محوت", "Mahout"), ("الجازر", "Al Jazer"),
    ]),
]  # fmt: skip


def load(governorate_model, wilayat_model) -> None:
    """Create or update the reference rows (used by the migration and after test flushes)."""
    for g_pos, (code, name_ar, name_en, wilayats) in enumerate(GOVERNORATES, start=1):
        gov, _ = governorate_model.objects.update_or_create(
            code=code, defaults={"name_ar": name_ar, "name_en": name_en, "position": g_pos}
        )
        for w_pos, (w_ar, w_en) in enumerate(wilayats, start=1):
            wilayat_model.objects.update_or_create(
                governorate=gov, name_ar=w_ar, defaults={"name_en": w_en, "position": w_pos}
            )


def ensure_loaded() -> None:
    """Reload the reference data if a transactional test's flush removed it."""
    if Wilayat.objects.count() != sum(len(g[3]) for g in GOVERNORATES):
        load(Governorate, Wilayat)
