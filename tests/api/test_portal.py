"""/api/v1/portal: a contact's own tickets with a contact's token; staff tokens do not open
it and contact tokens open nothing else."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.models import Channel, Priority, ProductArea, Status
from sunrelay.mail.attachments import add_attachment
from sunrelay.portal.models import ContactToken, FormVisit
from sunrelay.portal.tokens import create_token, revoke
from tests.api.conftest import ApiClient
from tests.factories import make_account, make_contact, make_ticket


@pytest.fixture
def as_contact(contact) -> ApiClient:
    _token, raw = create_token(contact, "tests")
    return ApiClient(raw)


@pytest.fixture
def other_ticket(db):
    globex = make_account("Globex", domains=["globex.test"])
    return make_ticket(make_contact("Gil", "gil@globex.test", account=globex), subject="Globex")


def test_a_contact_lists_and_reads_their_tickets(as_contact, contact, ticket, other_ticket, agent):
    services.reply(ticket, agent, "Which zoom?")
    services.note(ticket, agent, "INTERNAL analysis")
    me = as_contact.get("/portal/me").json()
    assert me["email"] == "carla@acme.test" and me["sees_account_tickets"] is False
    listed = as_contact.get("/portal/tickets").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == ticket.pk
    assert as_contact.get(f"/portal/tickets/{ticket.pk}").json()["subject"] == ticket.subject
    messages = as_contact.get(f"/portal/tickets/{ticket.pk}/messages").json()
    assert [m["body"] for m in messages] == ["Help, please.", "Which zoom?"]
    assert [m["by"] for m in messages] == ["customer", "support"]
    assert "INTERNAL" not in str(messages)
    assert as_contact.get(f"/portal/tickets/{other_ticket.pk}").status_code == 404
    assert as_contact.get(f"/portal/tickets/{other_ticket.pk}/messages").status_code == 404


def test_a_contact_writes_with_a_file_and_downloads_it(as_contact, ticket, agent):
    services.reply(ticket, agent, "Try again?", status=Status.PENDING)
    body = {
        "body": "Still blank.",
        "attachments": [
            {
                "filename": "trace.txt",
                "content_type": "text/plain",
                "content_base64": base64.b64encode(b"500 at z14").decode(),
            }
        ],
    }
    created = as_contact.post(f"/portal/tickets/{ticket.pk}/messages", body)
    assert created.status_code == 201, created.content
    file = created.json()["attachments"][0]
    assert file["url"] == f"/api/v1/portal/attachments/{file['id']}"
    download = as_contact.client.get(file["url"])
    assert download.status_code == 200 and b"".join(download) == b"500 at z14"
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_a_contact_opens_a_ticket(as_contact, contact):
    area = ProductArea.objects.create(name="Data", slug="data")
    created = as_contact.post(
        "/portal/tickets",
        {
            "subject": "Export",
            "body": "It times out.",
            "urgency": "down",
            "product_area_id": area.pk,
        },
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["channel"] == Channel.API and data["priority"] == Priority.URGENT
    assert data["requester"]["email"] == contact.email
    bad = as_contact.post("/portal/tickets", {"subject": "x", "body": " ", "product_area_id": 999})
    assert bad.status_code == 422
    assert {tuple(e["loc"]) for e in bad.json()["detail"]} == {("body", "product_area_id")}
    empty = as_contact.post("/portal/tickets", {"subject": "x", "body": " "})
    assert empty.json()["detail"][0]["msg"] == "The message is empty."


def test_internal_note_files_are_not_downloadable(as_contact, ticket, agent):
    hidden = add_attachment(services.note(ticket, agent, "x"), "n.txt", "text/plain", b"secret")
    assert as_contact.client.get(f"/api/v1/portal/attachments/{hidden.pk}").status_code == 404


def test_staff_tokens_and_sessions_do_not_open_the_portal_api(as_agent, agent, ticket):
    assert as_agent.get("/portal/tickets").status_code == 401
    assert as_agent.get("/portal/me").status_code == 401
    browser = Client()
    browser.force_login(agent)
    assert browser.get("/api/v1/portal/tickets").status_code == 401


def test_contact_tokens_do_not_open_staff_endpoints(as_contact, ticket):
    for path in ("/tickets", f"/tickets/{ticket.pk}", "/contacts", "/accounts", "/search?q=x"):
        assert as_contact.get(path).status_code == 401, path
    assert as_contact.get("/articles/deflection").status_code == 401


def test_a_revoked_or_unknown_token_is_refused(contact, anonymous):
    token, raw = create_token(contact)
    assert ApiClient(raw).get("/portal/me").status_code == 200
    revoke(token)
    assert ApiClient(raw).get("/portal/me").status_code == 401
    assert ApiClient("srp_nonsense").get("/portal/me").status_code == 401
    assert anonymous.get("/portal/tickets").status_code == 401
    assert ContactToken.objects.get().token_hash != raw


def test_the_account_may_share_its_tickets(as_contact, account, agent, as_agent):
    theirs = make_ticket(make_contact("Cora", "cora@acme.test", account=account), subject="Cora")
    assert as_contact.get(f"/portal/tickets/{theirs.pk}").status_code == 404
    changed = as_agent.patch(f"/accounts/{account.pk}", {"portal_shares_tickets": True})
    assert changed.status_code == 200 and changed.json()["portal_shares_tickets"] is True
    assert as_contact.get(f"/portal/tickets/{theirs.pk}").status_code == 200
    assert as_contact.get("/portal/me").json()["sees_account_tickets"] is True


def test_listing_costs_a_fixed_number_of_queries(
    as_contact, contact, django_assert_max_num_queries
):
    for n in range(6):
        make_ticket(contact, subject=f"Question {n}")
    with django_assert_max_num_queries(5):
        assert as_contact.get("/portal/tickets").json()["count"] == 6


def test_the_api_gives_the_figure_to_staff_only(api_as, agent, contact, outsider):
    FormVisit.objects.create(
        key="a", started_at=timezone.now() - timedelta(hours=2), suggestions_shown=1
    )
    data = api_as(agent).get("/articles/deflection", {"days": 7}).json()
    assert (
        data["days"] == 7 and data["shown"] == 1 and data["deflected"] == 1 and data["rate"] == 1.0
    )
    assert api_as(outsider).get("/articles/deflection").status_code == 403
    assert ApiClient().get("/articles/deflection").status_code == 401
    assert api_as(agent).get("/articles/deflection", {"days": 0}).status_code == 422
