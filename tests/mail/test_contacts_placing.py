"""Contacts that need an account: put them in one from the page, with or without their domain;
their open tickets follow with an event each."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.accounts.models import AccountDomain, Contact
from sunrelay.desk import services as desk
from sunrelay.desk.models import Cause, EventKind, Status, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Source
from sunrelay.reports.models import DirtyTicket
from sunrelay.sla.models import TicketUrgency
from tests.factories import make_account

pytestmark = pytest.mark.django_db


def write_in(sender: str, subject: str) -> int:
    raw = f"From: {sender}\r\nTo: support@sunrelay.localhost\r\nSubject: {subject}\r\n\r\nHi\r\n"
    return intake.receive(raw.encode(), source=Source.SMTP).ticket_id


@pytest.fixture
def newco(db):
    return make_account("NewCo", tier="enterprise")


def test_the_domain_joins_the_account_and_its_people_and_open_tickets_follow(agent, newco):
    first = write_in("ana@newco.test", "Tiles are blank")
    write_in("ben@eu.newco.test", "Export fails")
    done = write_in("ana@newco.test", "Old question")
    done_ticket = Ticket.objects.get(pk=done)
    desk.update_ticket(done_ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    write_in("someone@other.test", "Unrelated")

    moved, tickets = desk.place_contacts(agent, newco, domain="NewCo.test")
    assert (moved, tickets) == (2, 2)
    assert list(newco.domains.values_list("domain", flat=True)) == ["newco.test"]
    ticket = Ticket.objects.get(pk=first)
    assert ticket.account == newco
    event = ticket.events.get(kind=EventKind.ACCOUNT)
    assert (event.old, event.new, event.actor_user) == (
        None,
        {"id": newco.pk, "name": "NewCo"},
        agent,
    )
    assert TicketUrgency.objects.get(ticket=ticket).reasons  # recomputed for the new tier
    assert DirtyTicket.objects.filter(ticket_id=ticket.pk).exists()  # the reports hear of it
    assert Ticket.objects.get(pk=done).account is None  # solved work stays as it was
    assert Contact.objects.get(email="someone@other.test").account is None
    # Later senders from the domain join by themselves.
    later = Ticket.objects.get(pk=write_in("cleo@newco.test", "Hello"))
    assert later.account == newco


def test_public_mail_domains_never_join_an_account(agent, newco):
    write_in("ana@gmail.com", "Help")
    with pytest.raises(ValidationError, match="public mail service"):
        desk.place_contacts(agent, newco, domain="gmail.com")
    assert not AccountDomain.objects.exists()
    ana = Contact.objects.get(email="ana@gmail.com")
    assert desk.place_contacts(agent, newco, contacts=[ana]) == (1, 1)


def test_a_domain_of_another_account_is_refused(agent, newco):
    make_account("Acme", domains=["acme-eu.test"])
    with pytest.raises(ValidationError, match="already belongs to Acme"):
        desk.place_contacts(agent, newco, domain="acme-eu.test")


def test_sales_cannot_place_contacts(sales, newco):
    with pytest.raises(PermissionDenied):
        desk.place_contacts(sales, newco, domain="newco.test")


def test_the_page_groups_by_domain_and_places_them(client, agent, newco):
    write_in("ana@newco.test", "Tiles are blank")
    write_in("bo@gmail.com", "Question")
    client.force_login(agent)
    page = client.get("/mail/contacts-without-account/").content.decode()
    assert "newco.test" in page and "a public mail service" in page
    response = client.post(
        "/mail/contacts-without-account/place/",
        {"domain": "newco.test", "account": "newco", "add_domain": "1"},
        follow=True,
    )
    assert "1 contact and 1 open ticket moved to NewCo; newco.test now belongs to it." in (
        response.content.decode()
    )
    response = client.post(
        "/mail/contacts-without-account/place/",
        {"domain": "gmail.com", "account": "NewCo", "add_domain": "1"},
        follow=True,
    )
    assert "public mail service" in response.content.decode()
    response = client.post(
        "/mail/contacts-without-account/place/",
        {"domain": "x.test", "account": "Nope"},
        follow=True,
    )
    assert "There is no account named “Nope”." in response.content.decode()


def test_the_history_names_the_accounts(client, agent, newco):
    ticket_id = write_in("ana@newco.test", "Tiles are blank")
    desk.place_contacts(agent, newco, domain="newco.test")
    client.force_login(agent)
    page = client.get(f"/desk/tickets/{ticket_id}/").content.decode()
    assert "— → NewCo" in page
