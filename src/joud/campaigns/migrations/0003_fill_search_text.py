from django.db import migrations


def fill(apps, schema_editor):
    from joud.campaigns.search import normalize

    Initiative = apps.get_model("campaigns", "Initiative")
    for item in Initiative._base_manager.select_related("organization").iterator():
        org = item.organization
        parts = [
            item.title_ar, item.title_en, item.summary_ar, item.summary_en, item.story_ar,
            item.story_en, item.public_code, org.name_ar, org.name_en,
        ]
        text = " " + normalize(" ".join(p for p in parts if p)) + " "
        Initiative._base_manager.filter(pk=item.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_initiative_answer_due_on_initiative_cover_image_and_more")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
