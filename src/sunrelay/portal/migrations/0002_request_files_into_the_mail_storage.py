"""The bytes of files sent with unconfirmed web requests move from the database into the mail
storage (sunrelay.portal.request_files), like raw mail and attachments (mail 0007-0009).

Unconfirmed requests live a few days at most, so there are few: one transaction moves them.
Backwards, the bytes are read back into the column; the files stay as orphans
(`sunrelay storage check` lists them)."""

from django.db import migrations, models

from sunrelay.mail import files


def _name(request_id: int, data: bytes) -> str:
    # As portal.request_files.name_for; frozen here so later changes leave this migration be.
    return f"waiting/{request_id}/{files.digest(data)}"


def forwards(apps, schema_editor) -> None:
    rows = apps.get_model("portal", "RequestFile").objects.filter(storage_name="")
    for row in rows.only("pk", "request_id", "data").iterator(chunk_size=100):
        data = bytes(row.data)
        row.storage_name = _name(row.request_id, data)
        files.put(row.storage_name, data)  # before the row says so, as always
        row.save(update_fields=["storage_name"])


def backwards(apps, schema_editor) -> None:
    rows = apps.get_model("portal", "RequestFile").objects.exclude(storage_name="")
    for row in rows.only("pk", "storage_name").iterator(chunk_size=100):
        row.data = files.read(row.storage_name)
        row.storage_name = ""
        row.save(update_fields=["data", "storage_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="requestfile",
            name="storage_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        # An empty default, so that reversing the removal below can add the column back to a
        # table that has rows.
        migrations.AlterField(
            model_name="requestfile",
            name="data",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="requestfile", name="data"),
    ]
