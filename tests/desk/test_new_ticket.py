"""A ticket opened from the desk on a customer's behalf (a phone call): the contact picked or
created, the ticket through desk.services."""

from __future__ import annotations

import pytest

from sunrelay.accounts.models import Contact
from sunrelay.desk.models import Channel, EventKind, MessageKind, Status, Ticket

pytestmark = pytest.mark.django_db

URL = "/desk/tickets/new/"


def opening(**fields) -> dict:
    base = {
        "requester_email": "carla@acme.test",
        "channel": "phone",
        "subject": "Export fails for large layers",
        "body": "Carla called: exports over 2 GB stop at 99 %.",
        "priority": "high",
        "level": "l1",
        "assignee": "",
        "cc_emails": "",
    }
    return {**base, **fields}


def test_a_lead_opens_a_ticket_for_a_known_contact_after_a_phone_call(client, lead, contact):
    client.force_login(lead)
    response = client.post(URL, opening(assignee=str(lead.pk)))
    ticket = Ticket.objects.get(subject="Export fails for large layers")
    assert response.status_code == 302 and response["Location"] == f"/desk/tickets/{ticket.pk}/"
    assert (ticket.requester, ticket.account) == (contact, contact.account)
    assert (ticket.channel, ticket.priority, ticket.assignee) == (Channel.PHONE, "high", lead)
    assert ticket.status == Status.OPEN  # opened with an assignee
    first = ticket.messages.get()
    assert first.kind == MessageKind.CUSTOMER and first.author_contact == contact
    created = ticket.events.get(kind=EventKind.CREATED)
    assert created.actor_user == lead and created.new["channel"] == "phone"


def test_a_new_address_becomes_a_contact_of_its_domains_account(client, agent, account):
    client.force_login(agent)
    client.post(
        URL,
        opening(
            requester_email="New.Caller@ACME.test",
            requester_name="Nadia Caller",
            cc_emails="boss@acme.test",
        ),
    )
    nadia = Contact.objects.get(email="New.Caller@acme.test")
    assert nadia.name == "Nadia Caller" and nadia.account == account
    ticket = Ticket.objects.get(requester=nadia)
    assert list(ticket.ccs.values_list("email", flat=True)) == ["boss@acme.test"]


def test_refused_input_shows_in_place_and_leaves_no_contact_behind(client, agent):
    client.force_login(agent)
    response = client.post(URL, opening(requester_email="someone@new.test", subject="  "))
    assert response.status_code == 422
    html = response.content.decode()
    assert "A ticket needs a subject." in html
    assert 'value="someone@new.test"' in html  # nothing typed is lost
    assert not Contact.objects.filter(email="someone@new.test").exists()
    response = client.post(URL, opening(requester_email="not an address"))
    assert response.status_code == 422 and "not an address:" in response.content.decode()
    assert client.post(URL, opening(requester_email="")).status_code == 422
    assert not Ticket.objects.exists()


def test_the_form_starts_from_a_contacts_page_with_their_address(client, agent, contact):
    client.force_login(agent)
    html = client.get(f"/desk/contacts/{contact.pk}/").content.decode()
    assert f'href="/desk/tickets/new/?contact={contact.pk}"' in html
    form = client.get(f"{URL}?contact={contact.pk}").content.decode()
    assert 'value="carla@acme.test"' in form
    assert '<option value="phone" selected>Phone call</option>' in form


def test_known_contacts_are_offered_as_you_type(client, agent, contact):
    client.force_login(agent)
    html = client.get("/desk/contacts/options/", {"requester_email": "carl"}).content.decode()
    assert '<option value="carla@acme.test">Carla Customer · Acme Maps</option>' in html
    assert client.get("/desk/contacts/options/", {"q": "c"}).content.decode().strip() == ""


def test_sales_cannot_open_tickets(client, sales, contact):
    client.force_login(sales)
    assert client.get(URL).status_code == 403
    assert client.post(URL, opening()).status_code == 403
    assert "New ticket" not in client.get("/desk/").content.decode()
