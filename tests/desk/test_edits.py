"""A message edited where it was written keeps its old text in the log."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, Status, TicketEvent
from sunrelay.lib.mailable import is_mailable


def test_it_replaces_the_text_and_keeps_the_old_in_an_event(db, ticket):
    message = ticket.messages.get()
    event = services.edit_from_source(message, "Help, please: zoom 14.", source="https://q/1")
    message.refresh_from_db()
    assert message.body_text == "Help, please: zoom 14."
    assert event.kind == EventKind.EDITED and event.old["body"] == "Help, please."
    assert event.actor_contact == ticket.requester and event.new == {"source": "https://q/1"}
    assert services.edit_from_source(message, "Help, please: zoom 14.", source="x") is None
    assert TicketEvent.objects.filter(kind=EventKind.EDITED).count() == 1


def test_a_closed_ticket_takes_no_edit(db, ticket, agent):
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause="question")
    services.update_ticket(ticket, agent, status=Status.CLOSED)
    with pytest.raises(ValidationError):
        services.edit_from_source(ticket.messages.get(), "Changed.", source="x")


def test_reserved_invalid_addresses_are_never_mailable():
    assert not is_mailable("se-1@gis.stackexchange.com.qa.invalid")
    assert not is_mailable("someone@INVALID.")
    assert not is_mailable("")
    assert is_mailable("carla@acme.test")
