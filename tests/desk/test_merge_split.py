"""Merging two tickets and splitting a message off: messages, people, links and mail follow."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, MessageKind, Status
from sunrelay.mail import intake
from sunrelay.mail.models import MailMessageId, Source
from tests.factories import make_contact, make_ticket


def mail(message_id: str, subject: str, sender="carla@acme.test", in_reply_to="") -> bytes:
    extra = f"In-Reply-To: <{in_reply_to}>\r\n" if in_reply_to else ""
    return (
        f"From: Carla <{sender}>\r\nTo: support@sunrelay.localhost\r\nSubject: {subject}\r\n"
        f"Message-ID: <{message_id}>\r\n{extra}\r\nHello.\r\n"
    ).encode()


def test_merge_moves_messages_people_and_points_to_the_survivor(agent, contact, account):
    colleague = make_contact("Ben", "ben@acme.test", account=account)
    target = make_ticket(contact, subject="Export fails")
    source = make_ticket(colleague, subject="Export broken too")
    services.receive_customer_message(source, colleague, "Same here, 3 layers.")
    survivor = services.merge_tickets(source, target, agent)
    source.refresh_from_db()
    assert survivor.pk == target.pk
    assert source.status == Status.CLOSED and source.merged_into_id == target.pk
    bodies = list(target.messages.values_list("body_text", flat=True))
    assert len(bodies) == 3 and "Same here, 3 layers." in bodies
    assert colleague in target.ccs.all()
    assert source.events.filter(kind=EventKind.MERGED_INTO).exists()
    merged = target.events.get(kind=EventKind.MERGED_FROM)
    assert merged.new["ticket"] == source.pk and merged.new["messages"] == 2


def test_merge_refuses_closed_itself_and_readers(agent, sales, contact):
    a, b = make_ticket(contact, subject="A"), make_ticket(contact, subject="B")
    with pytest.raises(ValidationError, match="itself"):
        services.merge_tickets(a, a, agent)
    with pytest.raises(PermissionDenied):
        services.merge_tickets(a, b, sales)
    services.merge_tickets(a, b, agent)
    with pytest.raises(ValidationError, match="closed"):
        services.merge_tickets(a, b, agent)  # a is closed now


def test_telling_the_customer_is_a_public_reply_on_the_survivor(agent, contact):
    a, b = make_ticket(contact, subject="A"), make_ticket(contact, subject="B")
    services.merge_tickets(a, b, agent, tell_customer=True)
    notice = b.messages.get(kind=MessageKind.REPLY)
    assert f"#{a.pk}" in notice.body_text and f"#{b.pk}" in notice.body_text


def test_mail_to_a_merged_ticket_threads_on_the_survivor(db, agent):
    first = intake.receive(mail("one@acme.test", "Tiles blank"), source=Source.IMPORT)
    second = intake.receive(mail("two@acme.test", "Tiles blank again"), source=Source.IMPORT)
    from sunrelay.desk.models import Ticket

    source, target = Ticket.objects.get(pk=second.ticket_id), Ticket.objects.get(pk=first.ticket_id)
    services.merge_tickets(source, target, agent)
    assert MailMessageId.objects.get(message_id="two@acme.test").ticket_id == target.pk
    by_reference = intake.receive(
        mail("three@acme.test", "Re: x", in_reply_to="two@acme.test"), source=Source.IMPORT
    )
    by_tag = intake.receive(
        mail("four@acme.test", f"Re: [#{source.pk}] Tiles"), source=Source.IMPORT
    )
    assert by_reference.ticket_id == target.pk and by_tag.ticket_id == target.pk


def test_split_opens_a_ticket_from_one_message(agent, contact, account):
    colleague = make_contact("Ben", "ben@acme.test", account=account)
    ticket = make_ticket(contact, subject="Tiles blank")
    other = services.receive_customer_message(ticket, colleague, "Also: invoices are wrong")
    opened = services.split_message(other, agent, subject="Invoices are wrong")
    new = opened.ticket
    assert new.requester == colleague and new.split_from_id == ticket.pk
    assert new.subject == "Invoices are wrong" and new.status == Status.NEW
    assert list(new.messages.values_list("body_text", flat=True)) == ["Also: invoices are wrong"]
    assert ticket.messages.count() == 1
    assert ticket.events.get(kind=EventKind.SPLIT_OFF).new["ticket"] == new.pk
    assert new.events.filter(kind=EventKind.SPLIT_FROM).exists()
    reply = services.reply(ticket, agent, "Thanks")
    with pytest.raises(ValidationError, match="customer"):
        services.split_message(reply, agent)
    with pytest.raises(ValidationError, match="no other message"):
        services.split_message(new.messages.get(), agent)


def test_the_api_merges_and_splits(agent, sales, contact, account):
    from sunrelay.api.tokens import create_token
    from tests.api.conftest import ApiClient

    api = ApiClient(create_token(agent, "t")[1])
    readers = ApiClient(create_token(sales, "t")[1])
    a, b = make_ticket(contact, subject="A"), make_ticket(contact, subject="B")
    assert readers.post(f"/tickets/{a.pk}/merge", {"into": b.pk}).status_code == 403
    assert api.post(f"/tickets/{a.pk}/merge", {"into": 999999}).status_code == 422
    merged = api.post(f"/tickets/{a.pk}/merge", {"into": b.pk})
    assert merged.status_code == 200 and merged.json()["id"] == b.pk
    assert api.get(f"/tickets/{a.pk}").json()["merged_into"] == b.pk
    colleague = make_contact("Ben", "ben@acme.test", account=account)
    message = services.receive_customer_message(b, colleague, "Another question")
    split = api.post(f"/tickets/{b.pk}/split", {"message_id": message.pk, "subject": "Question"})
    assert split.status_code == 201, split.content
    assert split.json()["split_from"] == b.pk and split.json()["requester"]["id"] == colleague.pk
    assert api.post(f"/tickets/{b.pk}/split", {"message_id": message.pk}).status_code == 422
