"""The admin never deletes a ticket, a message or an event: the event log is append-only."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from sunrelay.desk.admin import EventInline, MessageInline
from sunrelay.desk.models import Message, Ticket, TicketEvent
from tests.factories import make_staff


@pytest.fixture(params=["lead", "superuser"])
def boss(request, db):
    """The people who could delete anything else in the admin."""
    if request.param == "superuser":
        return make_staff("root", roles=[], is_staff=True, is_superuser=True)
    return make_staff("lucia", roles=["support", "lead"], is_staff=True)


def test_it_refuses_to_delete_a_ticket_even_to_a_superuser(client, boss, ticket):
    client.force_login(boss)
    url = f"/admin/desk/ticket/{ticket.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Ticket.objects.filter(pk=ticket.pk).exists()
    assert Message.objects.filter(ticket=ticket).exists()


def test_the_ticket_list_offers_no_bulk_delete(client, boss, ticket):
    client.force_login(boss)
    changelist = client.get("/admin/desk/ticket/")
    assert changelist.status_code == 200
    assert b"delete_selected" not in changelist.content
    client.post(
        "/admin/desk/ticket/",
        {"action": "delete_selected", "_selected_action": [ticket.pk], "post": "yes"},
    )
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_the_ticket_page_has_no_delete_link(client, boss, ticket):
    client.force_login(boss)
    page = client.get(f"/admin/desk/ticket/{ticket.pk}/change/")
    assert page.status_code == 200
    assert f"/admin/desk/ticket/{ticket.pk}/delete/".encode() not in page.content


def test_events_and_messages_are_never_deleted_either(client, boss, ticket):
    request = RequestFactory().get("/admin/")
    request.user = boss
    event = TicketEvent.objects.filter(ticket=ticket).first()
    assert event is not None
    assert not site.get_model_admin(TicketEvent).has_delete_permission(request, event)
    for inline in (MessageInline, EventInline):
        assert not inline(Ticket, site).has_delete_permission(request, ticket)
    client.force_login(boss)
    assert client.post(f"/admin/desk/ticketevent/{event.pk}/delete/").status_code == 403
    assert TicketEvent.objects.filter(pk=event.pk).exists()
