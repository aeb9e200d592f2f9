"""The bytes of raw mail and attachments move from the database into the mail storage
(sunrelay.mail.files), in batches that each commit on their own.

Resumable: a row is done once its storage_name is set, so a migration stopped half-way (killed,
a full disk) picks up where it stopped when run again; files already written are not written
twice (their names are their contents). The bytes stay in the database until 0009 drops the
columns, so nothing is lost whatever happens in between.

Backwards, the bytes are read from the storage into the columns again and storage_name is
cleared; the files stay (harmless: `sunrelay storage check` lists them as orphans).
"""

from __future__ import annotations

import sys

from django.db import migrations, transaction

from sunrelay.mail import files

BATCH = 200


def _say(text: str) -> None:
    if "pytest" not in sys.modules:
        print(text, flush=True)  # noqa: T201 - progress of a long migration


def _move(model, column: str, kind: str, *, sized: bool) -> None:
    """`sized`: the rows have a size column to fill (raw mail; attachments always had one)."""
    total = model.objects.filter(storage_name="").count()
    done, last = 0, 0
    while True:
        with transaction.atomic():
            rows = list(
                model.objects.filter(storage_name="", pk__gt=last)
                .order_by("pk")
                .only("pk", column)[:BATCH]
            )
            if not rows:
                break
            last = rows[-1].pk
            batch = []
            for row in rows:
                data = bytes(getattr(row, column))
                row.storage_name = files.name_for(kind, files.digest(data))
                row.size = len(data)
                batch.append((row.storage_name, data))
            # Files first, flushed; then the rows that name them, in this batch's commit.
            files.put_many(batch)
            model.objects.bulk_update(rows, ["storage_name", "size"] if sized else ["storage_name"])
        done += len(rows)
        _say(f"  {model.__name__}: {done:,} of {total:,} moved to the mail storage")


def forwards(apps, schema_editor) -> None:
    _move(apps.get_model("mail", "RawMessage"), "raw", files.RAW, sized=True)
    _move(apps.get_model("mail", "Attachment"), "data", files.ATTACHMENTS, sized=False)


def _restore(model, column: str) -> None:
    last = 0
    while True:
        with transaction.atomic():
            rows = list(
                model.objects.exclude(storage_name="")
                .filter(pk__gt=last)
                .order_by("pk")
                .only("pk", "storage_name")[:BATCH]
            )
            if not rows:
                break
            last = rows[-1].pk
            for row in rows:
                setattr(row, column, files.read(row.storage_name))
                row.storage_name = ""
            model.objects.bulk_update(rows, [column, "storage_name"])


def backwards(apps, schema_editor) -> None:
    _restore(apps.get_model("mail", "RawMessage"), "raw")
    _restore(apps.get_model("mail", "Attachment"), "data")


class Migration(migrations.Migration):
    # Each batch commits on its own: a stopped migration keeps the batches it finished.
    atomic = False

    dependencies = [
        ("mail", "0007_file_names_beside_bytes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
