"""Sales may leave an internal note on their own accounts' tickets (a request to support), and
nothing more: the one rule is desk.permissions.can_note_ticket, asked by the service, the
ticket page and the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, MessageKind, Status, Ticket
from sunrelay.desk.permissions import can_note_ticket, can_work_ticket
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def foreign(db):
    """A ticket of an account whose AE is someone else."""
    otto = make_staff("otto", roles=["sales"])
    globex = make_account("Globex", ae=otto, domains=["globex.test"])
    return make_ticket(make_contact("Gus", "gus@globex.test", account=globex))


def test_the_rule_sales_note_their_own_accounts_tickets_only(
    sales, agent, outsider, ticket, foreign
):
    assert can_note_ticket(sales, ticket) and not can_work_ticket(sales, ticket)
    assert not can_note_ticket(sales, foreign)
    assert can_note_ticket(agent, ticket) and can_note_ticket(agent, foreign)
    assert not can_note_ticket(outsider, ticket)


def test_the_service_records_a_sales_note_like_anyone_elses(sales, ticket):
    message = services.note(ticket, sales, "Their renewal is on Friday: can someone call Carla?")
    assert message.kind == MessageKind.NOTE and message.author_user == sales
    event = ticket.events.get(kind=EventKind.NOTED)
    assert event.actor_user == sales and event.message == message
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW  # a note changes nothing else


def test_the_service_refuses_sales_a_reply_a_change_or_a_foreign_note(sales, ticket, foreign):
    with pytest.raises(PermissionDenied):
        services.reply(ticket, sales, "Hello Carla")
    with pytest.raises(PermissionDenied):
        services.reply(ticket, sales, "Solving it", public=False, status="solved", cause="question")
    with pytest.raises(PermissionDenied):
        services.update_ticket(ticket, sales, priority="urgent")
    with pytest.raises(PermissionDenied):
        services.note(foreign, sales, "Not my account")
    assert ticket.messages.count() == 1 and foreign.messages.count() == 1


def test_sales_leave_a_note_from_the_ticket_page(client, sales, ticket):
    client.force_login(sales)
    html = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Send the request to support" in html and 'id="reply-form"' not in html
    response = client.post(
        f"/desk/tickets/{ticket.pk}/note/", {"body": "Renewal on Friday"}, headers=HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Internal note added" in page and "Renewal on Friday" in page
    assert ticket.messages.filter(kind=MessageKind.NOTE, author_user=sales).count() == 1


def test_an_empty_sales_note_is_refused_in_place(client, sales, ticket):
    client.force_login(sales)
    response = client.post(f"/desk/tickets/{ticket.pk}/note/", {"body": " "}, headers=HTMX)
    assert response.status_code == 422
    assert "The message is empty." in response.content.decode()


def test_sales_still_cannot_reply_or_change_from_the_page(client, sales, ticket):
    client.force_login(sales)
    assert client.post(f"/desk/tickets/{ticket.pk}/reply/", {"body": "Hi"}).status_code == 403
    response = client.post(
        f"/desk/tickets/{ticket.pk}/properties/",
        {"priority": "urgent", "initial-priority": "normal"},
    )
    assert response.status_code == 403
    assert Ticket.objects.get(pk=ticket.pk).priority == "normal"


def test_sales_cannot_note_a_closed_ticket(client, sales, agent, ticket):
    services.update_ticket(ticket, agent, status="solved", cause="question")
    services.update_ticket(ticket, agent, status="closed")
    client.force_login(sales)
    assert 'id="note-form"' not in client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert client.post(f"/desk/tickets/{ticket.pk}/note/", {"body": "late"}).status_code == 422


def test_other_accounts_tickets_stay_hidden_from_sales(client, sales, foreign):
    client.force_login(sales)
    assert client.post(f"/desk/tickets/{foreign.pk}/note/", {"body": "x"}).status_code == 404
