from django.db import migrations


def load(apps, schema_editor):
    from joud.geo.data import load as load_reference_data

    load_reference_data(apps.get_model("geo", "Governorate"), apps.get_model("geo", "Wilayat"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
