"""Raw mail is de-duplicated on its Message-ID and its content (sunrelay.mail.dedup): the keys
stored under the Message-ID alone are rewritten, so re-delivery of a message stored before
still creates nothing new."""

from __future__ import annotations

import hashlib

from django.db import migrations

from sunrelay.mail import dedup

BATCH = 500


def _rewrite(rows, key_of, model) -> None:
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        new_key = key_of(row)
        if new_key and new_key != row.dedup_key:
            row.dedup_key = new_key
            changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, ["dedup_key"])
            changed = []
    if changed:
        model.objects.bulk_update(changed, ["dedup_key"])


def forwards(apps, schema_editor) -> None:
    raw_message = apps.get_model("mail", "RawMessage")
    rows = (
        raw_message.objects.filter(dedup_key__startswith="id:")
        .exclude(message_id="")
        .only("pk", "raw", "message_id", "sha256", "dedup_key")
        .order_by("pk")
    )
    _rewrite(rows, lambda r: dedup.key(bytes(r.raw), r.message_id, r.sha256), raw_message)


def backwards(apps, schema_editor) -> None:
    # The Message-ID alone again; a later message under a reused ID keeps its new key (the
    # old scheme had room for one message per ID).
    raw_message = apps.get_model("mail", "RawMessage")
    seen: set[str] = set()

    def old_key(row) -> str:
        if row.message_id in seen:
            return ""
        seen.add(row.message_id)
        return "id:" + hashlib.sha256(row.message_id.encode("utf-8", "replace")).hexdigest()

    rows = (
        raw_message.objects.filter(dedup_key__startswith="id:")
        .exclude(message_id="")
        .only("pk", "message_id", "dedup_key")
        .order_by("pk")
    )
    _rewrite(rows, old_key, raw_message)


class Migration(migrations.Migration):
    dependencies = [("mail", "0005_outbox_not_copied")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
