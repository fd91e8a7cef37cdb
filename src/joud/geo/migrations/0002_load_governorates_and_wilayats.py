from django.db import migrations


def load(apps, schema_editor):
    from joud.geo.data import GOVERNORATES

    Governorate = apps.get_model("geo", "Governorate")
    Wilayat = apps.get_model("geo", "Wilayat")
    for g_pos, (code, name_ar, name_en, wilayats) in enumerate(GOVERNORATES, start=1):
        gov, _ = Governorate.objects.update_or_create(
            code=code, defaults={"name_ar": name_ar, "name_en": name_en, "position": g_pos}
        )
        for w_pos, (w_ar, w_en) in enumerate(wilayats, start=1):
            Wilayat.objects.update_or_create(
                governorate=gov, name_ar=w_ar, defaults={"name_en": w_en, "position": w_pos}
            )


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
