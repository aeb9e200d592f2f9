"""The byte columns go: raw mail and attachments are read from the mail storage only.

On SQLite the database file keeps its size until `sqlite3 var/sunrelay.sqlite3 VACUUM` (run it
while Sunrelay is stopped); PostgreSQL reuses the space after its autovacuum."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0008_bytes_into_the_mail_storage"),
    ]

    operations = [
        migrations.RemoveField(model_name="rawmessage", name="raw"),
        migrations.RemoveField(model_name="attachment", name="data"),
    ]
