"""The month starts Oman's moon-sighting committee (Ministry of Endowments and Religious Affairs)
announced for the years the platform covers. Months not listed follow the Umm al-Qura forecast
until the ministry records its announcement on the console."""

import datetime as dt

from django.db import migrations

SOURCE = "لجنة استطلاع الأهلة، وزارة الأوقاف والشؤون الدينية"
# (hijri_year, hijri_month, first day in Oman): Umm al-Qura's date in the comment.
ANNOUNCED = [
    (1445, 9, dt.date(2024, 3, 12)),  # Umm al-Qura 11 March: Ramadan began a day later
    (1445, 10, dt.date(2024, 4, 10)),  # same as Umm al-Qura: a 29-day Ramadan in Oman
    (1445, 12, dt.date(2024, 6, 8)),  # Umm al-Qura 7 June: Eid al-Adha on Monday 17 June
    (1446, 9, dt.date(2025, 3, 2)),  # Umm al-Qura 1 March
    (1446, 10, dt.date(2025, 3, 31)),  # Umm al-Qura 30 March: Eid al-Fitr on Monday 31 March
    (1446, 12, dt.date(2025, 5, 28)),  # same as Umm al-Qura: Eid al-Adha on Friday 6 June
    (1447, 9, dt.date(2026, 2, 19)),  # Umm al-Qura 18 February
]


def load(apps, schema_editor):
    model = apps.get_model("core", "HijriMonthStart")
    for year, month, day in ANNOUNCED:
        model.objects.update_or_create(
            hijri_year=year,
            hijri_month=month,
            defaults={"expected_on": day, "confirmed_on": day, "note": SOURCE},
        )


def unload(apps, schema_editor):
    model = apps.get_model("core", "HijriMonthStart")
    for year, month, _day in ANNOUNCED:
        model.objects.filter(hijri_year=year, hijri_month=month).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_hijri_month_start")]
    operations = [migrations.RunPython(load, unload)]
