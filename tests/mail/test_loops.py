"""Automatic replies, bounces, duplicates and the loop breaker."""

from __future__ import annotations

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, MessageKind, Ticket
from sunrelay.desk.visibility import customer_visible_messages
from sunrelay.mail import intake
from sunrelay.mail.models import Outbox, Outcome, RawMessage, RawState, Source
from sunrelay.mail.ticketpage import bounces_by_message, deliveries_by_message
from tests.mail.conftest import corpus


def mail(n: int, sender="robot@acme.test", extra="") -> bytes:
    return (
        f"From: {sender}\r\nTo: support@sunrelay.localhost\r\nSubject: Message {n}\r\n"
        f"Message-ID: <loop-{n}-{sender}>\r\n{extra}\r\nBody {n}\r\n"
    ).encode()


def test_the_loop_breaker_quarantines_a_sender_over_the_threshold(db, settings):
    settings.MAIL_LOOP_MAX_MESSAGES = 5
    outcomes = [intake.receive(mail(n), source=Source.SMTP).outcome for n in range(8)]
    assert outcomes == [Outcome.CREATED] * 5 + [Outcome.QUARANTINED] * 3
    assert "loop breaker" in RawMessage.objects.filter(state=RawState.QUARANTINED).first().reason
    assert intake.receive(mail(99, "someone@else.test"), source=Source.SMTP).outcome == "created"


def test_the_loop_breaker_counts_imports_by_their_date(db, settings):
    settings.MAIL_LOOP_MAX_MESSAGES = 2
    days = [
        mail(n, extra=f"Date: Mon, {n + 1} Sep 2025 10:00:00 +0000\r\n").replace(
            b"\r\n\r\n", b"\r\n\r\n", 1
        )
        for n in range(5)
    ]
    summary = intake.receive_many(days, source=Source.IMPORT)
    assert summary.as_dict()["created"] == 5  # a month of history is no loop


def test_an_auto_reply_never_opens_a_ticket_and_is_never_answered(db, agent, contact):
    created = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    ticket = Ticket.objects.get(pk=created.ticket_id)
    reply = services.reply(ticket, agent, "Any news?")
    sent_id = Outbox.objects.get(desk_message=reply).message_id
    raw = corpus("020-auto-submitted.eml").replace(b"{{SENT:001-new-plain.eml}}", sent_id.encode())
    result = intake.receive(raw, source=Source.SMTP)
    assert (result.outcome, result.ticket_id) == (Outcome.AUTO_REPLY, ticket.pk)
    ticket.refresh_from_db()
    assert ticket.messages.filter(kind=MessageKind.AUTO_REPLY).count() == 1
    assert ticket.events.filter(kind=EventKind.AUTO_REPLY).count() == 1
    assert Outbox.objects.count() == 1  # only our own reply: nothing answers the auto-reply
    assert not customer_visible_messages(ticket).filter(kind=MessageKind.AUTO_REPLY).exists()
    assert Ticket.objects.count() == 1


def test_a_bounce_of_our_reply_is_shown_on_its_ticket_and_outbox_row(db, agent, contact):
    created = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    ticket = Ticket.objects.get(pk=created.ticket_id)
    reply = services.reply(ticket, agent, "Any news?")
    sent_id = Outbox.objects.get(desk_message=reply).message_id
    raw = corpus("027-dsn-bounce-own-reply.eml").replace(
        b"{{SENT:001-new-plain.eml}}", sent_id.encode()
    )
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.BOUNCE
    bounce = ticket.messages.get(kind=MessageKind.BOUNCE)
    event = ticket.events.get(kind=EventKind.BOUNCED)
    assert event.message == bounce and event.new["recipient"] == "carla@acme.test"
    info = bounces_by_message(ticket)[bounce.pk]
    assert (info.status, info.bounced_reply_id) == ("5.1.1", reply.pk)
    delivery = deliveries_by_message(ticket)[reply.pk]
    assert delivery.label == "Bounced" and "5.1.1" in delivery.bounce_reason


def test_the_same_message_twice_creates_nothing_new(db, contact):
    first = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    second = intake.receive(corpus("031-duplicate-of-001.eml"), source=Source.IMAP)
    assert (first.outcome, second.outcome) == (Outcome.CREATED, Outcome.DUPLICATE)
    assert RawMessage.objects.count() == 1 and Ticket.objects.count() == 1


def test_identical_bytes_without_a_message_id_are_a_duplicate(db):
    raw = corpus("013-no-message-id.eml")
    outcomes = [intake.receive(raw, source=Source.SMTP).outcome for _ in range(2)]
    assert outcomes == [Outcome.CREATED, Outcome.DUPLICATE]


def test_a_bounce_of_an_acknowledgement_lands_on_its_ticket(db, settings, contact):
    settings.MAIL_ACKNOWLEDGE = True
    created = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    ack = Outbox.objects.get()
    raw = corpus("028-dsn-headers-only.eml").replace(
        b"{{SENT:001-new-plain.eml}}", ack.message_id.encode()
    )
    result = intake.receive(raw, source=Source.SMTP)
    assert (result.outcome, result.ticket_id) == (Outcome.BOUNCE, created.ticket_id)
    ack.refresh_from_db()
    assert ack.bounced_at is not None and "5.2.2" in ack.bounce_reason


def _replied(agent) -> tuple[Ticket, str]:
    created = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    ticket = Ticket.objects.get(pk=created.ticket_id)
    reply = services.reply(ticket, agent, "Any news?")
    return ticket, Outbox.objects.get(desk_message=reply).message_id


def test_a_delivery_report_with_an_empty_sender_is_a_bounce(db, agent, contact):
    ticket, sent_id = _replied(agent)
    raw = corpus("053-dsn-empty-sender.eml").replace(
        b"{{SENT:001-new-plain.eml}}", sent_id.encode()
    )
    result = intake.receive(raw, source=Source.SMTP, envelope_from="")
    assert (result.outcome, result.ticket_id) == (Outcome.BOUNCE, ticket.pk)
    assert ticket.events.get(kind=EventKind.BOUNCED).new["status"] == "5.2.1"


def test_mail_without_a_sender_that_is_no_bounce_is_still_held(db):
    raw = b"From: MAILER DAEMON <>\r\nSubject: Hello\r\nMessage-ID: <x@y>\r\n\r\nHi\r\n"
    result = intake.receive(raw, source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED and "no usable sender" in result.reason


def test_a_postmasters_delivery_failure_is_a_bounce_not_an_automatic_message(db, agent, contact):
    ticket, sent_id = _replied(agent)
    raw = corpus("060-postmaster-delivery-failure.eml").replace(
        b"{{SENT:001-new-plain.eml}}", sent_id.encode()
    )
    result = intake.receive(raw, source=Source.SMTP)
    assert (result.outcome, result.ticket_id) == (Outcome.BOUNCE, ticket.pk)
    unknown = raw.replace(sent_id.encode(), b"never-sent@elsewhere.test")
    unknown = unknown.replace(b"<060.ndr@", b"<060.other@")
    held = intake.receive(unknown, source=Source.SMTP)
    assert held.outcome == Outcome.QUARANTINED and "delivery failure report" in held.reason
    assert "automatic message" not in held.reason
