"""Migration 0008 moves the bytes stored in the database into the mail storage, in batches
that survive the migration being stopped, and the reverse puts them back."""

from __future__ import annotations

import hashlib
import importlib

import pytest
from django.utils import timezone

from sunrelay.mail import files
from sunrelay.mail.models import Attachment, RawMessage
from tests.factories import make_ticket
from tests.mail.migrating import mail_migrated_to
from tests.mail.test_storage import LOGO, mail_with

MOVE = importlib.import_module("sunrelay.mail.migrations.0008_bytes_into_the_mail_storage")
BEFORE = "0007_file_names_beside_bytes"


@pytest.mark.django_db(transaction=True)
def test_bytes_move_out_resuming_after_a_stop_and_come_back(contact, monkeypatch):
    message = make_ticket(contact).messages.get()
    raws = [mail_with(LOGO, n) for n in range(5)]
    now = timezone.now()
    with mail_migrated_to(BEFORE) as old:
        raw_rows = old.get_model("mail", "RawMessage").objects
        for raw in raws:
            digest = hashlib.sha256(raw).hexdigest()
            raw_rows.create(
                raw=raw, sha256=digest, dedup_key=f"raw:{digest}", source="import",
                received_at=now, dated_at=now, state="processed",
            )  # fmt: skip
        old.get_model("mail", "Attachment").objects.create(
            message_id=message.pk, filename="logo.png", content_type="image/png",
            size=len(LOGO), sha256=hashlib.sha256(LOGO).hexdigest(), data=LOGO,
        )  # fmt: skip
        # The first run is stopped in its second batch: the first batch stays done.
        monkeypatch.setattr(MOVE, "BATCH", 2)
        real_put_many, batches = files.put_many, []

        def stopped_in_the_second(batch):
            batches.append(batch)
            if len(batches) == 2:
                raise KeyboardInterrupt
            real_put_many(batch)

        monkeypatch.setattr(files, "put_many", stopped_in_the_second)
        with pytest.raises(KeyboardInterrupt):
            MOVE.forwards(old, None)
        assert raw_rows.exclude(storage_name="").count() == 2
        monkeypatch.setattr(files, "put_many", real_put_many)
    # Leaving the block migrated to the latest: 0008 finished the rest, 0009 dropped the bytes.
    assert sorted(files.raw_of(row) for row in RawMessage.objects.all()) == sorted(raws)
    assert all(row.size == len(files.raw_of(row)) for row in RawMessage.objects.all())
    logo = Attachment.objects.get()
    assert files.content_of(logo) == LOGO and logo.storage_name.startswith("attachments/")

    with mail_migrated_to(BEFORE) as old:
        back = old.get_model("mail", "RawMessage").objects.all()
        assert sorted(bytes(row.raw) for row in back) == sorted(raws)
        assert {row.storage_name for row in back} == {""}
        assert bytes(old.get_model("mail", "Attachment").objects.get().data) == LOGO
