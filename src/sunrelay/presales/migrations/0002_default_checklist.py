from django.db import migrations

from sunrelay.presales import checklist


def add_defaults(apps, schema_editor):
    checklist.ensure_defaults(apps.get_model("presales", "QualificationItem"))


class Migration(migrations.Migration):
    dependencies = [("presales", "0001_opportunities")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
