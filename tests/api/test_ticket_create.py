from __future__ import annotations

import pytest

from sunrelay.accounts.models import Contact
from sunrelay.desk.models import EventKind, MessageKind, Ticket
from tests.api.conftest import locs
from tests.factories import make_staff


def opening(**fields) -> dict:
    return {"subject": "Export fails", "body": "The CSV export times out.", **fields}


def test_it_opens_a_ticket_for_a_known_contact(as_agent, agent, contact):
    response = as_agent.post("/tickets", opening(requester_id=contact.pk, priority="high"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["subject"] == "Export fails"
    assert body["priority"] == "high"
    assert body["channel"] == "api"
    assert body["account"]["name"] == "Acme Maps"
    ticket = Ticket.objects.get(pk=body["id"])
    assert ticket.requester == contact
    message = ticket.messages.get()
    assert message.kind == MessageKind.CUSTOMER
    assert message.body_text == "The CSV export times out."
    created = ticket.events.get(kind=EventKind.CREATED)
    assert created.actor_user == agent


def test_it_creates_an_unknown_requester_in_the_account_of_their_domain(as_agent, account):
    response = as_agent.post("/tickets", opening(requester_email="Dana@ACME.test"))
    assert response.status_code == 201, response.content
    contact = Contact.objects.get(email__iexact="dana@acme.test")
    assert contact.account == account
    assert response.json()["requester"]["id"] == contact.pk
    assert response.json()["account"]["id"] == account.pk


def test_it_reuses_a_known_requester_whatever_the_case(as_agent, contact):
    response = as_agent.post("/tickets", opening(requester_email="CARLA@acme.test"))
    assert response.json()["requester"]["id"] == contact.pk
    assert Contact.objects.count() == 1


def test_it_creates_a_requester_without_account_for_an_unknown_domain(as_agent, db):
    response = as_agent.post("/tickets", opening(requester_email="pat@nowhere.test"))
    assert response.status_code == 201
    assert response.json()["account"] is None


def test_it_sets_assignee_tags_ccs_level_and_reference(as_agent, agent, contact):
    response = as_agent.post(
        "/tickets",
        opening(
            requester_id=contact.pk,
            assignee_id=agent.pk,
            tags=["Export", "csv export"],
            cc_emails=["boss@acme.test", contact.email],
            level="l2",
            channel="web",
            external_ref="crm-1234",
            html="<p>Times out <script>alert(1)</script></p>",
        ),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["assignee"]["username"] == "alba"
    assert body["status"] == "open"
    assert body["tags"] == ["csv-export", "export"]
    # The requester is not their own cc.
    assert body["cc_emails"] == ["boss@acme.test"]
    assert body["level"] == "l2"
    assert body["channel"] == "web"
    assert body["external_ref"] == "crm-1234"
    html = Ticket.objects.get(pk=body["id"]).messages.get().body_html
    assert "<script>" not in html


def test_it_refuses_a_ticket_without_requester_or_with_both(as_agent, contact):
    neither = as_agent.post("/tickets", opening())
    assert neither.status_code == 422
    assert locs(neither) == [["body", "requester_email"]]
    both = as_agent.post("/tickets", opening(requester_id=contact.pk, requester_email="a@b.test"))
    assert both.status_code == 422


def test_it_refuses_an_unknown_requester_id(as_agent, db):
    response = as_agent.post("/tickets", opening(requester_id=999_999))
    assert response.status_code == 422
    assert locs(response) == [["body", "requester_id"]]


def test_it_refuses_an_invalid_requester_email(as_agent, db):
    response = as_agent.post("/tickets", opening(requester_email="not an address"))
    assert response.status_code == 422
    assert locs(response) == [["body", "requester_email"]]
    assert Contact.objects.count() == 0


def test_it_refuses_an_invalid_cc_email(as_agent, contact):
    response = as_agent.post("/tickets", opening(requester_id=contact.pk, cc_emails=["@@"]))
    assert response.status_code == 422
    assert locs(response) == [["body", "cc_emails"]]


def test_it_refuses_an_unknown_assignee_id(as_agent, contact):
    response = as_agent.post("/tickets", opening(requester_id=contact.pk, assignee_id=999_999))
    assert response.status_code == 422
    assert locs(response) == [["body", "assignee_id"]]


def test_it_refuses_an_assignee_who_does_not_work_tickets(as_agent, contact, sales):
    response = as_agent.post("/tickets", opening(requester_id=contact.pk, assignee_id=sales.pk))
    assert response.status_code == 422
    assert locs(response) == [["body", "assignee_id"]]


@pytest.mark.parametrize(
    "field, value",
    [("priority", "asap"), ("level", "l3"), ("channel", "fax"), ("tags", "not-a-list")],
)
def test_it_refuses_invalid_values(as_agent, contact, field, value):
    response = as_agent.post("/tickets", opening(requester_id=contact.pk, **{field: value}))
    assert response.status_code == 422
    assert locs(response)[0][:2] == ["body", field]


def test_it_refuses_an_empty_subject_and_body(as_agent, contact):
    blank_subject = as_agent.post("/tickets", opening(requester_id=contact.pk, subject="  "))
    assert locs(blank_subject) == [["body", "subject"]]
    blank_body = as_agent.post("/tickets", opening(requester_id=contact.pk, body=""))
    assert locs(blank_body) == [["body", "body"]]


def test_it_refuses_missing_fields(as_agent, contact):
    response = as_agent.post("/tickets", {"requester_id": contact.pk})
    assert response.status_code == 422
    assert sorted(locs(response)) == [["body", "body"], ["body", "subject"]]


def test_it_does_not_keep_a_new_contact_when_the_ticket_is_refused(as_agent, db):
    response = as_agent.post("/tickets", opening(requester_email="new@acme.test", subject=""))
    assert response.status_code == 422
    assert not Contact.objects.exists()


def test_it_refuses_a_duplicate_external_reference(as_agent, contact):
    assert (
        as_agent.post("/tickets", opening(requester_id=contact.pk, external_ref="x-1")).status_code
        == 201
    )
    again = as_agent.post("/tickets", opening(requester_id=contact.pk, external_ref="x-1"))
    assert again.status_code == 422
    assert locs(again) == [["body", "external_ref"]]


def test_it_lets_any_working_role_open_tickets(api_as, contact):
    engineer = make_staff("ed", roles=["engineering"])
    response = api_as(engineer).post("/tickets", opening(requester_id=contact.pk))
    assert response.status_code == 201
