"""One message is stored once; a different message under a reused Message-ID is its own."""

from __future__ import annotations

import hashlib
import importlib

from django.apps import apps

from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Outcome, RawMessage, Source
from tests.mail.conftest import corpus

FIRST, REUSED = corpus("001-new-plain.eml"), corpus("056-reused-message-id.eml")
MIGRATION = "sunrelay.mail.migrations.0006_dedup_on_message_id_and_content"


def _notes(ticket_id: int) -> list[str]:
    return list(
        Message.objects.filter(ticket_id=ticket_id, kind=MessageKind.NOTE).values_list(
            "body_text", flat=True
        )
    )


def test_a_reused_message_id_with_other_content_is_stored_and_processed(db, contact):
    first = intake.receive(FIRST, source=Source.SMTP)
    reused = intake.receive(REUSED, source=Source.SMTP)
    assert (first.outcome, reused.outcome) == (Outcome.CREATED, Outcome.CREATED)
    assert RawMessage.objects.count() == 2 and reused.ticket_id != first.ticket_id
    [note] = _notes(reused.ticket_id)
    assert "<CAF001.plain@mail.acme.test>" in note and f"#{first.ticket_id}" in note
    assert _notes(first.ticket_id) == []


def test_the_same_message_by_another_route_is_a_duplicate(db, contact):
    intake.receive(FIRST, source=Source.SMTP)
    # Fetched again from a Maildir: other trace headers, LF line endings, same message.
    again = (
        b"Delivered-To: support@sunrelay.localhost\nReceived: from mx3 by mx1\n"
        b"X-Spam-Status: No\n" + FIRST.replace(b"\r\n", b"\n")
    ).replace(b"Return-Path: <carla@acme.test>\n", b"")
    assert intake.receive(again, source=Source.IMAP).outcome == Outcome.DUPLICATE
    assert intake.receive(REUSED, source=Source.IMAP).outcome == Outcome.CREATED
    assert intake.receive(REUSED, source=Source.SMTP).outcome == Outcome.DUPLICATE
    assert Ticket.objects.count() == 2


def test_an_import_keeps_both_within_a_batch_and_across_batches(db, contact):
    summary = intake.receive_many([FIRST, REUSED, FIRST], source=Source.IMPORT)
    assert (summary.as_dict()["created"], summary.as_dict()["duplicates"]) == (2, 1)
    reused = RawMessage.objects.get(subject="Invoice address change")
    assert len(_notes(reused.ticket_id)) == 1
    later = intake.receive_many([REUSED.replace(b"April", b"May")], source=Source.IMPORT)
    assert later.as_dict()["created"] == 1 and Ticket.objects.count() == 3


def test_rows_stored_under_the_message_id_alone_still_catch_redelivery(db, contact):
    migration = importlib.import_module(MIGRATION)
    first = intake.receive(FIRST, source=Source.SMTP)
    legacy = "id:" + hashlib.sha256(b"CAF001.plain@mail.acme.test").hexdigest()
    RawMessage.objects.update(dedup_key=legacy)
    migration.forwards(apps, None)
    assert intake.receive(FIRST, source=Source.IMAP).outcome == Outcome.DUPLICATE
    assert intake.receive(REUSED, source=Source.IMAP).outcome == Outcome.CREATED
    migration.backwards(apps, None)
    keys = dict(RawMessage.objects.values_list("ticket_id", "dedup_key"))
    assert keys[first.ticket_id] == legacy
