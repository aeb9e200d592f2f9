"""Who sees and changes what: working staff everything, sales their accounts read-only,
people without a role nothing."""

from __future__ import annotations

import pytest

from tests.factories import make_account, make_contact, make_ticket


@pytest.fixture
def foreign(db):
    """A ticket of an account whose AE is not the `sales` user."""
    globex = make_account("Globex", tier="pro", domains=["globex.test"])
    return make_ticket(make_contact("Gus", "gus@globex.test", account=globex), subject="Globex")


def test_sales_see_only_tickets_of_their_accounts(as_sales, ticket, foreign):
    listed = as_sales.get("/tickets").json()
    assert [t["id"] for t in listed["items"]] == [ticket.pk]
    assert as_sales.get(f"/tickets/{ticket.pk}").status_code == 200
    assert as_sales.get(f"/tickets/{ticket.pk}/messages").status_code == 200
    assert as_sales.get(f"/tickets/{ticket.pk}/events").status_code == 200


def test_sales_get_404_for_tickets_of_other_accounts(as_sales, foreign):
    assert as_sales.get(f"/tickets/{foreign.pk}").status_code == 404
    assert as_sales.get(f"/tickets/{foreign.pk}/messages").status_code == 404
    assert as_sales.patch(f"/tickets/{foreign.pk}", {"priority": "high"}).status_code == 404


def test_sales_get_403_when_changing_a_ticket(as_sales, ticket):
    response = as_sales.patch(f"/tickets/{ticket.pk}", {"priority": "urgent"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Only support staff can change tickets."}
    # Even with a payload that would not validate: refused for who they are first.
    assert as_sales.patch(f"/tickets/{ticket.pk}", {"assignee_id": 999_999}).status_code == 403
    ticket.refresh_from_db()
    assert ticket.priority == "normal"


def test_sales_get_403_when_replying_on_a_ticket(as_sales, ticket):
    # A note is theirs to leave (tests/desk/test_sales_notes.py); a reply is not.
    response = as_sales.post(f"/tickets/{ticket.pk}/messages", {"kind": "reply", "body": "Hi"})
    assert response.status_code == 403
    assert "detail" in response.json()
    assert ticket.messages.count() == 1


def test_sales_get_403_when_opening_a_ticket(as_sales, contact):
    response = as_sales.post(
        "/tickets", {"subject": "x", "body": "y", "requester_email": "new@acme.test"}
    )
    assert response.status_code == 403
    assert contact.account.contacts.count() == 1  # no contact created on the way


def test_sales_read_only_their_accounts_and_contacts(as_sales, account, contact, foreign):
    assert [a["id"] for a in as_sales.get("/accounts").json()["items"]] == [account.pk]
    assert [c["id"] for c in as_sales.get("/contacts").json()["items"]] == [contact.pk]
    assert as_sales.get(f"/accounts/{foreign.account_id}").status_code == 404
    assert as_sales.get(f"/contacts/{foreign.requester_id}").status_code == 404
    assert as_sales.patch(f"/accounts/{account.pk}", {"mrr": "1"}).status_code == 403
    assert as_sales.patch(f"/contacts/{contact.pk}", {"name": "C"}).status_code == 403
    assert as_sales.post("/accounts", {"name": "Mine now"}).status_code == 403
    assert as_sales.post("/contacts", {"email": "x@acme.test"}).status_code == 403


def test_sales_see_the_staff_directory(as_sales, agent):
    assert as_sales.get("/staff").json()["count"] >= 2


@pytest.mark.parametrize("path", ["/tickets", "/accounts", "/contacts", "/staff"])
def test_an_outsider_sees_empty_lists(as_outsider, ticket, agent, path):
    body = as_outsider.get(path).json()
    assert body["count"] == 0
    assert body["items"] == []


def test_an_outsider_gets_404_for_every_object(as_outsider, ticket, agent):
    for path in (
        f"/tickets/{ticket.pk}",
        f"/tickets/{ticket.pk}/messages",
        f"/tickets/{ticket.pk}/events",
        f"/accounts/{ticket.account_id}",
        f"/contacts/{ticket.requester_id}",
        f"/staff/{agent.pk}",
    ):
        assert as_outsider.get(path).status_code == 404, path
    assert as_outsider.patch(f"/tickets/{ticket.pk}", {"priority": "high"}).status_code == 404
    note = {"kind": "note", "body": "x"}
    assert as_outsider.post(f"/tickets/{ticket.pk}/messages", note).status_code == 404
    assert as_outsider.patch(f"/accounts/{ticket.account_id}", {"mrr": "1"}).status_code == 404


def test_an_outsider_cannot_create_anything(as_outsider, contact):
    opening = {"subject": "x", "body": "y", "requester_id": contact.pk}
    assert as_outsider.post("/tickets", opening).status_code == 403
    assert as_outsider.post("/accounts", {"name": "Outside Inc"}).status_code == 403
    assert as_outsider.post("/contacts", {"email": "o@acme.test"}).status_code == 403


def test_a_lead_works_every_ticket(api_as, lead, ticket, foreign):
    client = api_as(lead)
    assert client.get("/tickets").json()["count"] == 2
    assert client.patch(f"/tickets/{foreign.pk}", {"priority": "high"}).status_code == 200


def test_sales_note_their_own_accounts_tickets_and_nothing_more(as_sales, ticket, foreign):
    api = as_sales
    created = api.post(f"/tickets/{ticket.pk}/messages", {"kind": "note", "body": "Renewal"})
    assert created.status_code == 201 and created.json()["kind"] == "note"
    reply = api.post(f"/tickets/{ticket.pk}/messages", {"kind": "reply", "body": "Hi"})
    assert reply.status_code == 403
    solving = api.post(
        f"/tickets/{ticket.pk}/messages",
        {"kind": "note", "body": "Done", "status": "solved", "cause": "question"},
    )
    assert solving.status_code == 403
    assert api.patch(f"/tickets/{ticket.pk}", {"priority": "high"}).status_code == 403
    assert (
        api.post(f"/tickets/{foreign.pk}/messages", {"kind": "note", "body": "x"}).status_code
        == 404
    )
    assert ticket.messages.count() == 2
