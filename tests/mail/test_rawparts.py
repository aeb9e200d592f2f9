"""Attached messages are kept as they arrived, whatever the parser thinks of their headers."""

from __future__ import annotations

from sunrelay.desk.models import Message, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Attachment, Outcome, RawMessage, RawState, Source
from sunrelay.mail.parse import parse
from tests.mail.conftest import corpus

BROKEN = "052-attached-message-bad-message-id.eml"


def test_it_keeps_the_original_bytes_of_an_attached_message_it_cannot_reserialise():
    raw = corpus(BROKEN)
    mail = parse(raw)  # as_bytes() of the attached message raises IndexError
    [attached] = mail.attachments
    start = raw.index(b"From: Dolores")
    end = raw.index(b"\n--b052--")
    assert (attached.filename, attached.data) == ("complaint.eml", raw[start:end])


def test_a_message_with_such_an_attachment_becomes_a_ticket(db, contact):
    result = intake.receive(corpus(BROKEN), source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    message = Message.objects.get(pk=result.message_pk)
    assert "Forwarding the complaint" in message.body_text
    assert Attachment.objects.get(message=message).filename == "complaint.eml"


def test_process_again_of_such_a_message_held_before_works(db, contact):
    row, token = intake.store(corpus(BROKEN), source=Source.SMTP)
    RawMessage.objects.filter(pk=row.pk).update(
        state=RawState.QUARANTINED,
        claimed_at=None,
        claim_token="",
        reason="Could not be parsed as e-mail: IndexError: list index out of range",
    )
    result = intake.reprocess(RawMessage.objects.get(pk=row.pk))
    assert result.outcome == Outcome.CREATED and Ticket.objects.count() == 1


def test_no_quarantine_reason_is_an_exception_name(db, contact, monkeypatch):
    from sunrelay.mail import route

    def broken(raw):
        raise IndexError("list index out of range")

    monkeypatch.setattr(route, "parse", broken)
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    assert "Error" not in result.reason and "list index" not in result.reason
    assert "Could not be read as e-mail" in result.reason
