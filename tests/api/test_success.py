"""/account-teams, /support-requests and /tickets/{id}/context."""

from __future__ import annotations

import pytest

from sunrelay.success.models import SupportRequest
from tests.api.conftest import locs
from tests.factories import make_staff
from tests.success.test_forms_to_support import CONTEXT, REQUEST


@pytest.fixture
def engineer(db):
    return make_staff("ines", roles=["customer_engineer"])


def test_leads_change_a_team_and_everyone_reads_it(api_as, account, lead, sales, engineer):
    put = api_as(lead).client.put(
        f"/api/v1/account-teams/{account.pk}",
        {"ae_id": sales.pk, "ce_id": engineer.pk, "reason": "Renewal"},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    assert put.json()["ce"]["username"] == "ines"
    listed = api_as(sales).get("/account-teams").json()
    assert [t["account"]["name"] for t in listed["items"]] == ["Acme Maps"]
    history = api_as(sales).get(f"/account-teams/{account.pk}/history").json()
    assert [(h["ce"]["username"], h["reason"]) for h in history] == [("ines", "Renewal")]
    capacity = api_as(lead).get("/account-teams/capacity").json()
    assert capacity["engineers"][0]["accounts"] == 1
    assert capacity["engineers"][0]["state"] == "under"


def test_a_team_change_is_refused_in_words(api_as, account, lead, agent, sales):
    put = api_as(lead).client.put(
        f"/api/v1/account-teams/{account.pk}", {"ce_id": agent.pk}, content_type="application/json"
    )
    assert put.status_code == 422 and locs(put) == [["body", "ce_id"]]
    put = api_as(sales).client.put(
        f"/api/v1/account-teams/{account.pk}", {}, content_type="application/json"
    )
    assert put.status_code == 403


def test_context_on_a_ticket_by_api(api_as, ticket, engineer, agent, sales):
    made = api_as(engineer).post(f"/tickets/{ticket.pk}/context", CONTEXT)
    assert made.status_code == 201, made.content
    read = api_as(agent).get(f"/tickets/{ticket.pk}/context").json()
    assert [n["background"] for n in read] == [CONTEXT["background"]]
    assert api_as(engineer).post(f"/tickets/{ticket.pk}/context", {}).status_code == 422


def test_requests_by_api_from_filing_to_done(api_as, ticket, engineer, lead, sales):
    made = api_as(engineer).post("/support-requests", {**REQUEST, "ticket_id": ticket.pk})
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["status"], body["account"]["name"], body["ticket"]["id"]) == (
        "new",
        "Acme Maps",
        ticket.pk,
    )
    row_id = body["id"]
    assert (
        api_as(engineer).patch(f"/support-requests/{row_id}", {"status": "done"}).status_code == 403
    )
    done = api_as(lead).patch(
        f"/support-requests/{row_id}", {"status": "done", "answer": "Shipped."}
    )
    assert done.json()["status"] == "done" and done.json()["answer"] == "Shipped."
    assert api_as(sales).get("/support-requests", {"status": "done"}).json()["count"] == 1
    again = api_as(lead).patch(f"/support-requests/{row_id}", {"status": "new"})
    assert again.status_code == 422 and locs(again) == [["body", "status"]]
    assert SupportRequest.objects.get().status == "done"
