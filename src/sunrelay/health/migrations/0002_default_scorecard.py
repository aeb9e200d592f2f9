from django.db import migrations

from sunrelay.health import defaults


def add_defaults(apps, schema_editor):
    defaults.ensure_defaults(
        apps.get_model("health", "Scorecard"),
        apps.get_model("health", "Measure"),
        apps.get_model("health", "AlertRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("health", "0001_customer_health")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
