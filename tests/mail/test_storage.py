"""Raw mail and attachments live in the mail storage (local files here), named by content;
rows hold names and hashes; nothing is lost when a process dies between file and row."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from sunrelay.desk.models import Ticket
from sunrelay.lib.storage import DurableFileSystemStorage
from sunrelay.mail import files, intake, retention, storage_audit
from sunrelay.mail.models import Attachment, Outcome, RawMessage, RawState, Source

LOGO = b"\x89PNG\r\n\x1a\n" + b"logo" * 500


def mail_with(file: bytes, n: int, name: str = "logo.png") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = "carla@acme.test", "support@sunrelay.localhost"
    msg["Subject"], msg["Message-ID"] = f"Tiles {n}", f"<tiles-{n}@acme.test>"
    msg.set_content(f"Request {n}: the tiles are blank.")
    msg.add_attachment(file, maintype="image", subtype="png", filename=name)
    return msg.as_bytes()


def on_disk(name: str) -> Path:
    return Path(files.storage().path(name))


def test_it_keeps_the_bytes_in_files_named_by_their_content(db, contact):
    raw = mail_with(LOGO, 1)
    result = intake.receive(raw, source=Source.SMTP)
    row = RawMessage.objects.get()
    digest = hashlib.sha256(raw).hexdigest()
    assert (row.storage_name, row.size, row.sha256) == (
        f"raw/{digest[:2]}/{digest}",
        len(raw),
        digest,
    )
    assert on_disk(row.storage_name).read_bytes() == raw
    logo = Attachment.objects.get(message_id=result.message_pk)
    assert logo.storage_name == f"attachments/{logo.sha256[:2]}/{logo.sha256}"
    assert on_disk(logo.storage_name).read_bytes() == LOGO == files.content_of(logo)
    # Readers that have no bytes in hand read them from the storage.
    assert files.raw_of(RawMessage.objects.get()) == raw
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), RawMessage._meta.db_table)}  # fmt: skip
    assert "raw" not in columns


def test_the_same_file_in_many_messages_is_stored_once(db, contact):
    summary = intake.receive_many([mail_with(LOGO, n) for n in range(5)], source=Source.IMPORT)
    assert summary.as_dict()["created"] == 5
    assert Attachment.objects.count() == 5
    assert len(set(Attachment.objects.values_list("storage_name", flat=True))) == 1
    assert len(list(storage_audit.stored(files.ATTACHMENTS))) == 1


def test_a_redelivery_writes_no_file(db, contact, monkeypatch):
    raw = mail_with(LOGO, 1)
    intake.receive(raw, source=Source.SMTP)
    writes = []
    monkeypatch.setattr(files, "put", lambda name, data: writes.append(name))
    assert intake.receive(raw, source=Source.IMAP).outcome == Outcome.DUPLICATE
    assert writes == []


def test_a_death_between_file_and_row_leaves_an_orphan_and_the_mail_comes_in_again(
    db, contact, monkeypatch
):
    raw = mail_with(LOGO, 1)
    real_put = files.put

    def put_then_die(name, data):
        real_put(name, data)
        raise KeyboardInterrupt  # the process dies before the row commits

    monkeypatch.setattr(files, "put", put_then_die)
    with pytest.raises(KeyboardInterrupt):
        intake.receive(raw, source=Source.SMTP)
    assert not RawMessage.objects.exists()
    found = storage_audit.check()
    assert found.healthy and len(found.orphans) == 1 and found.missing == []
    monkeypatch.setattr(files, "put", real_put)
    # The sender's server tries again (no 250 was given): stored, the same file, processed.
    assert intake.receive(raw, source=Source.SMTP).outcome == Outcome.CREATED
    assert storage_audit.check().orphans == []


def test_a_storage_that_cannot_be_read_leaves_the_message_waiting_not_quarantined(
    db, contact, monkeypatch
):
    row, _token = intake.store(mail_with(LOGO, 1), source=Source.SMTP)
    RawMessage.objects.filter(pk=row.pk).update(claimed_at=None)

    def unreachable(name, limit=-1):
        raise ConnectionError("object storage did not answer")

    monkeypatch.setattr(files, "read", unreachable)
    with pytest.raises(ConnectionError):
        intake.recover_one()
    row.refresh_from_db()
    assert (row.state, row.claim_token) == (RawState.PENDING, "")
    monkeypatch.undo()
    assert intake.recover_one() and Ticket.objects.count() == 1


def test_the_retention_purge_deletes_the_files_too(db, contact, settings):
    intake.receive(corpus_junk := mail_with(b"junk", 9), source=Source.SMTP)
    row = RawMessage.objects.get()
    RawMessage.objects.filter(pk=row.pk).update(
        state=RawState.DISCARDED, processed_at=row.received_at.replace(year=2000)
    )
    assert on_disk(row.storage_name).exists()
    retention.purge_one()
    assert not RawMessage.objects.exists() and not on_disk(row.storage_name).exists()
    # The same bytes delivered again after the purge are stored afresh.
    assert intake.receive(corpus_junk, source=Source.SMTP).outcome != Outcome.DUPLICATE
    assert on_disk(row.storage_name).read_bytes() == corpus_junk


def test_storage_check_lists_missing_files_and_orphans(db, contact):
    intake.receive(mail_with(LOGO, 1), source=Source.SMTP)
    row = RawMessage.objects.get()
    out = StringIO()
    call_command("storage", "check", "--verify", stdout=out, stderr=StringIO())
    assert "Missing: 0. Orphans: 0. Corrupt: 0." in out.getvalue()
    files.put(files.name_for(files.RAW, "f" * 64), b"left by a crash")
    on_disk(row.storage_name).unlink()
    out = StringIO()
    with pytest.raises(CommandError, match="lacks files the database needs"):
        call_command("storage", "check", stdout=out, stderr=StringIO())
    assert f"  {row.storage_name}" in out.getvalue()
    assert f"  raw/ff/{'f' * 64}" in out.getvalue()
    assert "Missing: 1. Orphans: 1." in out.getvalue()


def test_a_missing_file_downloads_as_a_404_that_says_so(client, agent, contact):
    result = intake.receive(mail_with(LOGO, 1), source=Source.SMTP)
    logo = Attachment.objects.get(message_id=result.message_pk)
    on_disk(logo.storage_name).unlink()
    client.force_login(agent)
    response = client.get(f"/mail/attachments/{logo.pk}/")
    assert response.status_code == 404


def test_backup_copies_every_named_file_once(db, contact, tmp_path):
    intake.receive(mail_with(LOGO, 1), source=Source.SMTP)
    out = StringIO()
    call_command("storage", "backup", str(tmp_path / "copy"), stdout=out)
    assert "Copied 2 new files" in out.getvalue()
    row = RawMessage.objects.get()
    assert (tmp_path / "copy" / row.storage_name).read_bytes() == files.raw_of(row)
    intake.receive(mail_with(LOGO, 2), source=Source.SMTP)  # one new raw, the same logo
    out = StringIO()
    call_command("storage", "backup", str(tmp_path / "copy"), stdout=out)
    assert "Copied 1 new files" in out.getvalue()


class _Breaks(ContentFile):
    def chunks(self, chunk_size=None):
        yield b"half of it"
        raise OSError("disk full")


def test_a_write_that_fails_leaves_nothing_under_the_name(tmp_path):
    store = DurableFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="disk full"):
        store.save("raw/ab/abc", _Breaks(b""))
    assert list(tmp_path.rglob("*")) == [tmp_path / "raw", tmp_path / "raw" / "ab"]
    store.save("raw/ab/abc", ContentFile(b"whole"))
    assert (tmp_path / "raw/ab/abc").read_bytes() == b"whole"
    assert oct((tmp_path / "raw/ab/abc").stat().st_mode & 0o777) == "0o600"
    with store.batch():
        store.save("raw/cd/cde", ContentFile(b"in a batch"))
    assert (tmp_path / "raw/cd/cde").read_bytes() == b"in a batch"
