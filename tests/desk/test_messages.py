from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import Cause, EventKind, MessageKind, Status
from sunrelay.desk.visibility import customer_visible_messages, is_customer_visible


def test_a_first_public_reply_opens_a_new_ticket(agent, ticket):
    message = services.reply(ticket, agent, "Could you send the style JSON?")
    assert message.kind == MessageKind.REPLY
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    replied = ticket.events.get(kind=EventKind.REPLIED)
    assert replied.message == message and replied.actor_user == agent


def test_a_reply_can_set_pending_in_the_same_step(agent, ticket):
    services.reply(ticket, agent, "Waiting for your logs.", status=Status.PENDING)
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING


def test_a_reply_that_solves_still_needs_a_cause(agent, ticket):
    with pytest.raises(ValidationError):
        services.reply(ticket, agent, "Fixed!", status=Status.SOLVED)
    assert ticket.messages.count() == 1  # the reply was rolled back with the refused status


def test_an_internal_note_stays_internal(agent, ticket):
    note = services.note(ticket, agent, "Customer is on the legacy plan; do not mention v4.")
    assert note.kind == MessageKind.NOTE
    assert not is_customer_visible(note)
    assert list(customer_visible_messages(ticket).values_list("kind", flat=True)) == [
        MessageKind.CUSTOMER
    ]
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW  # notes do not answer the customer
    assert ticket.events.filter(kind=EventKind.NOTED).count() == 1


def test_a_customer_message_reopens_a_pending_or_solved_ticket(agent, contact, ticket):
    services.reply(ticket, agent, "Try again?", status=Status.PENDING)
    services.receive_customer_message(ticket, contact, "Still broken.")
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.USER_DATA_OR_CODE)
    services.receive_customer_message(ticket, contact, "Actually it is back.")
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN and ticket.solved_at is None
    last = ticket.events.order_by("-id")[0]
    assert (last.kind, last.old, last.new, last.actor_contact) == (
        EventKind.STATUS,
        "solved",
        "open",
        contact,
    )


def test_nothing_is_added_to_a_closed_ticket(agent, contact, ticket):
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    services.update_ticket(ticket, agent, status=Status.CLOSED)
    with pytest.raises(ValidationError):
        services.receive_customer_message(ticket, contact, "One more thing")
    with pytest.raises(ValidationError):
        services.reply(ticket, agent, "Late answer")


def test_empty_messages_are_refused(agent, ticket):
    with pytest.raises(ValidationError) as exc:
        services.reply(ticket, agent, "   ")
    assert "body" in exc.value.message_dict


def test_sales_cannot_reply(sales, ticket):
    # Their note on their own account's ticket is allowed: tests/desk/test_sales_notes.py.
    with pytest.raises(PermissionDenied):
        services.reply(ticket, sales, "Hi from sales")
