"""POST /tickets/bulk: per-ticket results, the same rules as one ticket at a time."""

from __future__ import annotations

import pytest

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, Ticket, TicketEvent
from tests.api.conftest import locs
from tests.factories import make_account, make_contact, make_ticket


@pytest.fixture
def tickets(contact):
    return [make_ticket(contact, f"Loop {i}", tags=["loop"]) for i in range(3)]


def test_it_changes_each_ticket_and_reports_each(as_agent, agent, tickets):
    closed = tickets[2]
    services.update_ticket(closed, agent, status="solved", cause="question")
    services.update_ticket(closed, agent, status="closed")
    ids = [t.pk for t in tickets] + [999_999]
    body = {"ids": ids, "changes": {"assignee_id": agent.pk, "remove_tags": ["loop"]}}
    response = as_agent.post("/tickets/bulk", body)
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["summary"] == (
        f"2 tickets assigned to you and untagged loop; #{closed.pk} refused: the ticket is "
        "closed; open a follow-up ticket instead; #999999 not found."
    )
    assert (out["changed"], out["unchanged"], out["refused"], out["not_found"]) == (2, 0, 1, 1)
    assert out["results"][0] == {
        "id": tickets[0].pk,
        "outcome": "changed",
        "changes": ["assignee", "status", "tags"],
        "reason": None,
    }
    assert out["results"][2]["outcome"] == "refused"
    assert out["results"][3] == {
        "id": 999_999,
        "outcome": "not_found",
        "changes": [],
        "reason": "No such ticket.",
    }
    assert TicketEvent.objects.filter(kind=EventKind.ASSIGNEE).count() == 2


def test_null_unassigns_and_clears_the_cause_while_left_out_fields_stay(as_agent, agent, tickets):
    for t in tickets:
        services.update_ticket(t, agent, assignee=agent, cause="question")
    body = {"ids": [t.pk for t in tickets], "changes": {"assignee_id": None, "cause": None}}
    assert as_agent.post("/tickets/bulk", body).json()["summary"] == (
        "3 tickets unassigned and cause cleared."
    )
    for t in Ticket.objects.filter(pk__in=[t.pk for t in tickets]):
        assert (t.assignee, t.cause, t.priority) == (None, "", "normal")


def test_bad_input_is_a_422_in_words_and_changes_nothing(as_agent, tickets):
    ids = [t.pk for t in tickets]
    response = as_agent.post("/tickets/bulk", {"ids": ids, "changes": {"status": "done"}})
    assert response.status_code == 422
    assert ["body", "changes", "status"] in locs(response)
    response = as_agent.post("/tickets/bulk", {"ids": ids, "changes": {}})
    assert response.status_code == 422
    assert "Choose a change to make" in response.json()["detail"][0]["msg"]
    response = as_agent.post("/tickets/bulk", {"ids": [], "changes": {"level": "l2"}})
    assert locs(response) == [["body", "ids"]]
    response = as_agent.post("/tickets/bulk", {"ids": ids, "changes": {"assignee_id": 999_999}})
    assert locs(response) == [["body", "assignee_id"]]
    response = as_agent.post("/tickets/bulk", {"ids": ids, "changes": {"colour": "red"}})
    assert response.status_code == 422
    assert not Ticket.objects.filter(level="l2").exists()


def test_sales_get_403_and_outsiders_404(as_sales, as_outsider, tickets):
    body = {"ids": [t.pk for t in tickets], "changes": {"priority": "urgent"}}
    response = as_sales.post("/tickets/bulk", body)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only support staff can change tickets."}
    assert as_outsider.post("/tickets/bulk", body).status_code == 404
    globex = make_account("Globex", domains=["globex.test"])
    foreign = make_ticket(make_contact("Gus", "gus@globex.test", account=globex))
    other = {"ids": [foreign.pk], "changes": {"priority": "urgent"}}
    assert as_sales.post("/tickets/bulk", other).status_code == 404
    assert not Ticket.objects.filter(priority="urgent").exists()


def test_the_route_is_not_taken_for_a_ticket_id(as_agent, ticket):
    assert as_agent.get(f"/tickets/{ticket.pk}").status_code == 200
    assert as_agent.get("/tickets/bulk").status_code in (404, 405)
