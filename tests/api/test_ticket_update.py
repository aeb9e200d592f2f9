from __future__ import annotations

import pytest

from sunrelay.desk.models import EventKind, Status
from tests.api.conftest import locs


def test_it_reads_a_ticket(as_agent, ticket):
    response = as_agent.get(f"/tickets/{ticket.pk}")
    assert response.status_code == 200
    assert response.json()["subject"] == ticket.subject


def test_it_answers_404_for_an_unknown_ticket(as_agent, db):
    response = as_agent.get("/tickets/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert as_agent.patch("/tickets/999999", {"priority": "high"}).status_code == 404


def test_it_changes_fields_and_logs_each_change(as_agent, agent, ticket):
    response = as_agent.patch(
        f"/tickets/{ticket.pk}",
        {
            "priority": "urgent",
            "level": "l2",
            "subject": "Tiles blank at z14 in Safari",
            "interesting": True,
            "tags": ["Safari"],
            "bug_url": "https://tracker.example/ISSUE-1",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["priority"] == "urgent"
    assert body["level"] == "l2"
    assert body["subject"] == "Tiles blank at z14 in Safari"
    assert body["interesting"] is True
    assert body["tags"] == ["safari"]
    assert body["bug_url"] == "https://tracker.example/ISSUE-1"
    kinds = set(ticket.events.filter(actor_user=agent).values_list("kind", flat=True))
    assert kinds == {
        EventKind.PRIORITY,
        EventKind.LEVEL,
        EventKind.SUBJECT,
        EventKind.INTERESTING,
        EventKind.TAGS,
        EventKind.BUG_LINK,
    }


def test_it_assigns_and_unassigns(as_agent, lead, ticket):
    assigned = as_agent.patch(f"/tickets/{ticket.pk}", {"assignee_id": lead.pk}).json()
    assert assigned["assignee"]["id"] == lead.pk
    assert assigned["status"] == "open"  # assigning a new ticket opens it
    unassigned = as_agent.patch(f"/tickets/{ticket.pk}", {"assignee_id": None}).json()
    assert unassigned["assignee"] is None
    event = ticket.events.filter(kind=EventKind.ASSIGNEE).last()
    assert (event.old, event.new) == (lead.pk, None)


def test_it_refuses_an_unknown_assignee(as_agent, ticket):
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"assignee_id": 999_999})
    assert response.status_code == 422
    assert locs(response) == [["body", "assignee_id"]]


def test_it_refuses_to_solve_without_a_cause(as_agent, ticket):
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"status": "solved"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"][-1] == "cause"
    assert detail[0]["type"] == "value_error"
    assert "caused" in detail[0]["msg"]
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_it_solves_with_a_cause(as_agent, ticket):
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"status": "solved", "cause": "product_bug"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "solved"
    assert body["cause"] == "product_bug"
    assert body["solved_at"] is not None


def test_it_clears_the_cause_with_null(as_agent, agent, ticket):
    as_agent.patch(f"/tickets/{ticket.pk}", {"cause": "question"})
    assert as_agent.patch(f"/tickets/{ticket.pk}", {"cause": None}).json()["cause"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"status": "done"},
        {"priority": "ASAP"},
        {"cause": "gremlins"},
        {"status": None},
        {"interesting": None},
        {"subject": None},
        {"assignee_id": "alba"},
    ],
)
def test_it_refuses_invalid_values(as_agent, ticket, change):
    response = as_agent.patch(f"/tickets/{ticket.pk}", change)
    assert response.status_code == 422
    assert locs(response)[0] == ["body", next(iter(change))]


def test_it_refuses_fields_that_cannot_be_changed(as_agent, ticket):
    response = as_agent.patch(
        f"/tickets/{ticket.pk}", {"requester_id": 1, "created_at": "2020-01-01"}
    )
    assert response.status_code == 422
    assert sorted(locs(response)) == [["body", "created_at"], ["body", "requester_id"]]


def test_it_refuses_a_bug_link_that_is_not_http(as_agent, ticket):
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"bug_url": "javascript:alert(1)"})
    assert response.status_code == 422
    assert locs(response) == [["body", "bug_url"]]


def test_it_refuses_closing_an_unsolved_ticket(as_agent, ticket):
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"status": "closed", "cause": "question"})
    assert response.status_code == 422
    assert ["body", "status"] in locs(response)


def test_it_writes_no_event_for_an_empty_change(as_agent, ticket):
    before = ticket.events.count()
    response = as_agent.patch(f"/tickets/{ticket.pk}", {})
    assert response.status_code == 200
    assert ticket.events.count() == before


def test_it_moves_a_ticket_to_another_account_with_an_event(as_agent, ticket):
    from tests.factories import make_account

    other = make_account("Globex", tier="pro")
    moved = as_agent.patch(f"/tickets/{ticket.pk}", {"account_id": other.pk})
    assert moved.status_code == 200, moved.content
    assert moved.json()["account"]["id"] == other.pk
    event = ticket.events.get(kind=EventKind.ACCOUNT)
    assert event.old["name"] == "Acme Maps" and event.new == {"id": other.pk, "name": "Globex"}
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"account_id": 999_999})
    assert response.status_code == 422 and locs(response) == [["body", "account_id"]]


def test_it_replaces_the_ccs(as_agent, ticket):
    response = as_agent.patch(f"/tickets/{ticket.pk}", {"cc_emails": ["ana@acme.test"]})
    assert response.status_code == 200, response.content
    assert response.json()["cc_emails"] == ["ana@acme.test"]
    assert ticket.events.filter(kind=EventKind.CCS).count() == 1
    cleared = as_agent.patch(f"/tickets/{ticket.pk}", {"cc_emails": []})
    assert cleared.json()["cc_emails"] == []


def test_a_refused_cc_undoes_the_other_changes_of_the_request(as_agent, ticket):
    response = as_agent.patch(
        f"/tickets/{ticket.pk}", {"priority": "high", "cc_emails": ["not-an-address"]}
    )
    assert response.status_code == 422
    assert locs(response) == [["body", "cc_emails"]]
    ticket.refresh_from_db()
    assert ticket.priority == "normal"
    assert as_agent.patch(f"/tickets/{ticket.pk}", {"cc_emails": None}).status_code == 422
