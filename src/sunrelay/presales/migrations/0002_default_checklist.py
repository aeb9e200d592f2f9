from django.db import migrations

# The checklist a team starts with (BANT); leads change it in the admin.
DEFAULT = [
    ("budget", "Budget", "The customer has money set aside for this."),
    ("authority", "Authority", "We know who decides and they are involved."),
    ("need", "Need", "The problem we solve is theirs and it hurts."),
    ("timeline", "Timeline", "They have a date to decide by."),
]


def add_defaults(apps, schema_editor):
    Item = apps.get_model("presales", "QualificationItem")
    for position, (key, label, help_text) in enumerate(DEFAULT, start=1):
        Item.objects.get_or_create(
            key=key, defaults={"label": label, "help": help_text, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("presales", "0001_opportunities")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
