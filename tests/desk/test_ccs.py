"""Editing a ticket's CCs: one service with its event, the ticket page's form, the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import EventKind
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def dev(account):
    return make_contact("Devi", "devi@acme.test", account=account)


def test_it_replaces_the_ccs_with_one_event_naming_the_addresses(agent, ticket, dev):
    event = services.set_ccs(ticket, agent, [dev])
    assert list(ticket.ccs.all()) == [dev]
    assert event.kind == EventKind.CCS and event.actor_user == agent
    assert (event.old, event.new) == ([], ["devi@acme.test"])
    assert services.set_ccs(ticket, agent, [dev]) is None  # nothing changed, nothing logged
    assert ticket.events.filter(kind=EventKind.CCS).count() == 1


def test_ccs_kept_keep_their_place_in_the_copy_order(agent, ticket, dev, account):
    ana = make_contact("Ana", "ana@acme.test", account=account)
    bo = make_contact("Bo", "bo@acme.test", account=account)
    services.set_ccs(ticket, agent, [dev, ana])
    event = services.set_ccs(ticket, agent, [bo, ana])
    assert [c.email for c in services.cc_contacts(ticket)] == ["ana@acme.test", "bo@acme.test"]
    assert event.new == ["ana@acme.test", "bo@acme.test"]


def test_unknown_addresses_become_contacts_of_their_domains_account(agent, ticket, account):
    services.set_cc_emails(ticket, agent, ["New.Person@ACME.test"])
    created = Contact.objects.get(email="New.Person@acme.test")
    assert created.account == account and list(ticket.ccs.all()) == [created]


def test_a_bad_address_refuses_the_whole_change_and_creates_nobody(agent, ticket):
    with pytest.raises(ValidationError) as exc:
        services.set_cc_emails(ticket, agent, ["ok@acme.test", "not-an-address"])
    assert "not-an-address" in exc.value.message_dict["cc_emails"][0]
    assert not Contact.objects.filter(email="ok@acme.test").exists()
    assert ticket.ccs.count() == 0


def test_the_requester_is_not_their_own_cc(agent, ticket, contact):
    with pytest.raises(ValidationError) as exc:
        services.set_ccs(ticket, agent, [contact])
    assert "they get every reply" in exc.value.message_dict["cc_emails"][0]


def test_only_people_who_work_tickets_change_ccs(sales, ticket, dev):
    with pytest.raises(PermissionDenied):
        services.set_ccs(ticket, sales, [dev])


def test_a_closed_ticket_refuses_cc_changes(agent, ticket, dev):
    services.update_ticket(ticket, agent, status="solved", cause="question")
    services.update_ticket(ticket, agent, status="closed")
    with pytest.raises(ValidationError):
        services.set_ccs(ticket, agent, [dev])


def test_the_ticket_page_edits_ccs_and_shows_the_change_in_the_history(client, agent, ticket):
    client.force_login(agent)
    url = f"/desk/tickets/{ticket.pk}/ccs/"
    response = client.post(url, {"cc_emails": "ana@acme.test; bo@acme.test"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "CCs saved" in html and "added ana@acme.test, bo@acme.test" in html
    assert sorted(ticket.ccs.values_list("email", flat=True)) == ["ana@acme.test", "bo@acme.test"]


def test_the_ticket_page_shows_a_refused_address_in_place(client, agent, ticket):
    client.force_login(agent)
    response = client.post(f"/desk/tickets/{ticket.pk}/ccs/", {"cc_emails": "nope"}, headers=HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#cc-form"
    assert "nope:" in response.content.decode()


def test_sales_see_the_ccs_without_the_form(client, sales, agent, ticket, dev):
    services.set_ccs(ticket, agent, [dev])
    client.force_login(sales)
    html = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "devi@acme.test" in html and 'id="cc-form"' not in html
    assert client.post(f"/desk/tickets/{ticket.pk}/ccs/", {"cc_emails": ""}).status_code == 403
