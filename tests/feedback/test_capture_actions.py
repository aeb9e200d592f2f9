"""Capture as feedback from the ticket page (any of the customer's messages) and from a
customer engineer's context note, in the customer's own words."""

from __future__ import annotations

from django.test import Client

from sunrelay.desk.models import Message, MessageKind
from sunrelay.feedback.models import FeedbackItem, Source
from sunrelay.success import forms_to_support
from tests.factories import make_ticket


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_customers_message_is_captured_from_the_ticket_panel(people, contacts):
    ticket = make_ticket(contacts["ana"], subject="Maps on the plane", body="We need offline maps.")
    message = Message.objects.get(ticket=ticket, kind=MessageKind.CUSTOMER)
    panel = _as(people["alba"]).get(f"/desk/tickets/{ticket.pk}/feedback/").content.decode()
    assert "Capture as feedback" in panel and "We need offline maps." in panel
    done = _as(people["alba"]).post(
        f"/desk/tickets/{ticket.pk}/feedback/capture/",
        {"message": message.pk, "importance": "critical"},
    )
    assert done.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.quote, item.ticket, item.contact, item.account, item.importance) == (
        "We need offline maps.", ticket, contacts["ana"], ticket.account, "critical",
    )  # fmt: skip
    assert (
        "Nothing captured"
        not in _as(people["alba"]).get(f"/desk/tickets/{ticket.pk}/feedback/").content.decode()
    )


def test_only_the_tickets_customer_messages_and_only_workers(people, contacts):
    ticket = make_ticket(contacts["ana"], subject="Maps", body="Offline, please.")
    other = make_ticket(contacts["olaf"], subject="Else", body="Not this one.")
    foreign = Message.objects.get(ticket=other, kind=MessageKind.CUSTOMER)
    wrong = _as(people["alba"]).post(
        f"/desk/tickets/{ticket.pk}/feedback/capture/", {"message": foreign.pk}
    )
    assert wrong.status_code == 422 and "customer&#x27;s messages" in wrong.content.decode()
    mine = Message.objects.get(ticket=ticket, kind=MessageKind.CUSTOMER)
    sales = _as(people["sam"]).post(
        f"/desk/tickets/{ticket.pk}/feedback/capture/", {"message": mine.pk}
    )
    assert sales.status_code == 403
    assert (
        "Capture as feedback"
        not in _as(people["sam"]).get(f"/desk/tickets/{ticket.pk}/feedback/").content.decode()
    )
    assert not FeedbackItem.objects.exists()


def test_a_context_note_is_captured_as_a_ce_note(people, contacts):
    ticket = make_ticket(contacts["ana"], subject="Maps", body="Hello")
    note = forms_to_support.add_context(
        people["lucia"], ticket=ticket, customer_name="Ownco", issue_link="#1",
        background="Their pilots fly without a network; offline maps decide the renewal.",
    )  # fmt: skip
    done = _as(people["alba"]).post(f"/desk/success/context/{note.pk}/feedback/")
    assert done.status_code == 302 and done["Location"] == f"/desk/tickets/{ticket.pk}/"
    item = FeedbackItem.objects.get()
    assert (item.source, item.ticket, item.account) == (Source.CE_NOTE, ticket, ticket.account)
    assert item.quote.startswith("Their pilots fly")
    assert _as(people["sam"]).post(f"/desk/success/context/{note.pk}/feedback/").status_code == 403
