"""Every refusal is JSON in one shape; nothing a client sends produces a 500."""

from __future__ import annotations

from tests.api.conftest import BASE, locs


def test_it_answers_400_to_malformed_json(as_agent, ticket):
    for method in (as_agent.client.post, as_agent.client.patch):
        path = (
            f"{BASE}/tickets" if method == as_agent.client.post else f"{BASE}/tickets/{ticket.pk}"
        )
        response = method(path, "{not json", content_type="application/json")
        assert response.status_code == 400
        assert response.json() == {"detail": "Cannot parse request body"}


def test_it_answers_422_to_a_body_that_is_not_an_object(as_agent, ticket):
    for body in ("[1, 2]", '"text"', "42", "null"):
        response = as_agent.client.patch(
            f"{BASE}/tickets/{ticket.pk}", body, content_type="application/json"
        )
        assert response.status_code in (400, 422), body
        assert "detail" in response.json()


def test_it_answers_422_to_an_empty_body(as_agent):
    response = as_agent.client.post(f"{BASE}/tickets", "", content_type="application/json")
    assert response.status_code == 422


def test_pydantic_and_service_errors_share_one_shape(as_agent, contact):
    parse_error = as_agent.post("/tickets", {"body": "x", "requester_id": contact.pk})
    rule_error = as_agent.post(
        "/tickets", {"subject": " ", "body": "x", "requester_id": contact.pk}
    )
    assert locs(parse_error) == [["body", "subject"]]
    assert locs(rule_error) == [["body", "subject"]]
    for response in (parse_error, rule_error):
        [item] = response.json()["detail"]
        assert {"loc", "msg", "type"} <= set(item)


def test_it_refuses_unknown_fields(as_agent, contact):
    response = as_agent.post(
        "/tickets", {"subject": "x", "body": "y", "requester_id": contact.pk, "prio": "high"}
    )
    assert response.status_code == 422
    assert locs(response) == [["body", "prio"]]


def test_it_answers_422_to_a_non_numeric_id_in_the_path(as_agent, db):
    response = as_agent.get("/tickets/abc")
    assert response.status_code == 422
    assert locs(response) == [["path", "ticket_id"]]


def test_it_answers_422_to_an_id_too_large_for_the_database(as_agent, db):
    # Ids are 64-bit; a larger one is refused before SQLite would choke on comparing it.
    huge = 2**70
    assert locs(as_agent.get(f"/tickets/{huge}")) == [["path", "ticket_id"]]
    assert locs(as_agent.get("/tickets", {"account": huge})) == [["query", "account"]]
    assert locs(as_agent.get("/tickets", {"assignee": str(huge)})) == [["query", "assignee"]]
    assert locs(as_agent.get("/tickets", {"offset": huge})) == [["query", "offset"]]
    assert locs(as_agent.patch("/tickets/1", {"assignee_id": huge})) == [["body", "assignee_id"]]
