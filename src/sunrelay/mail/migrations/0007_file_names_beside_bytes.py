"""Raw mail and attachments get the name (and raw mail the size) of the file that will hold
their bytes in the mail storage; migration 0008 moves the bytes, 0009 drops the old columns.

The byte columns get an empty default on the way, so that reversing 0009 can add them back to
a table that has rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0006_dedup_on_message_id_and_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="rawmessage",
            name="storage_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="rawmessage",
            name="size",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="attachment",
            name="storage_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="rawmessage",
            name="raw",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="data",
            field=models.BinaryField(blank=True, default=b""),
        ),
    ]
