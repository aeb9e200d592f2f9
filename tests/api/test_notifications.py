"""/notifications and the tickets' expected_version / If-Match (409 with the changes)."""

from __future__ import annotations

import pytest

from sunrelay.desk import services
from sunrelay.desk.models import Message
from tests.factories import make_staff


@pytest.fixture
def keisha(db):
    return make_staff("keisha", ["support"], first_name="Keisha", last_name="Thompson")


@pytest.fixture
def as_keisha(api_as, keisha):
    return api_as(keisha)


def test_it_lists_counts_and_marks_read(as_keisha, ticket, agent, keisha):
    services.note(ticket, agent, "@keisha look")
    services.update_ticket(ticket, agent, assignee=keisha)
    body = as_keisha.get("/notifications").json()
    assert body["count"] == 2 and body["unread"] == 2
    assert [n["kind"] for n in body["items"]] == ["assigned", "mentioned"]
    assert body["items"][0]["actor"]["username"] == "alba"
    assert as_keisha.get("/notifications/unread-count").json() == {"unread": 2}
    first = body["items"][0]["id"]
    assert as_keisha.post(f"/notifications/{first}/read").json() == {"marked": 1}
    assert as_keisha.get("/notifications", {"unread": "true"}).json()["count"] == 1
    assert as_keisha.post("/notifications/read-all").json() == {"marked": 1}
    assert as_keisha.get("/notifications/unread-count").json() == {"unread": 0}


def test_someone_elses_notification_is_404(as_agent, ticket, agent, keisha):
    services.note(ticket, agent, "@keisha look")
    pk = keisha.notifications.get().pk
    assert as_agent.post(f"/notifications/{pk}/read").status_code == 404


def test_preferences_read_and_put(as_keisha):
    assert as_keisha.get("/notifications/preferences").json() == {
        "customer_wrote": False,
        "assigned": False,
        "mentioned": False,
        "sla_breached": False,
    }
    response = as_keisha.client.put(
        "/api/v1/notifications/preferences", {"mentioned": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["mentioned"] is True
    response = as_keisha.client.put(
        "/api/v1/notifications/preferences", {"gossip": True}, content_type="application/json"
    )
    assert response.status_code == 422


def test_a_reply_on_a_changed_ticket_is_409_with_the_changes(as_agent, ticket, keisha):
    version = as_agent.get(f"/tickets/{ticket.pk}").json()["version"]
    services.update_ticket(ticket, keisha, priority="high")
    payload = {"kind": "reply", "body": "Reinstall.", "expected_version": version}
    response = as_agent.post(f"/tickets/{ticket.pk}/messages", payload)
    assert response.status_code == 409
    body = response.json()
    assert body["changes"][0]["actor"] == "Keisha Thompson"
    assert body["changes"][0]["text"] == "Normal → High"
    assert not Message.objects.filter(body_text="Reinstall.").exists()
    payload["expected_version"] = body["version"]
    assert as_agent.post(f"/tickets/{ticket.pk}/messages", payload).status_code == 201


def test_if_match_holds_a_change_the_same_way(as_agent, ticket, keisha):
    version = as_agent.get(f"/tickets/{ticket.pk}").json()["version"]
    services.update_ticket(ticket, keisha, priority="high")
    patch = as_agent.client.patch
    url = f"/api/v1/tickets/{ticket.pk}"
    stale = patch(
        url,
        {"priority": "low"},
        content_type="application/json",
        headers={"If-Match": f'"{version}"'},
    )
    assert stale.status_code == 409
    current = stale.json()["version"]
    ok = patch(
        url,
        {"priority": "low"},
        content_type="application/json",
        headers={"If-Match": str(current)},
    )
    assert ok.status_code == 200 and ok.json()["priority"] == "low"
    assert ok.json()["version"] > current
    bad = patch(
        url, {"priority": "low"}, content_type="application/json", headers={"If-Match": "soon"}
    )
    assert bad.status_code == 422 and "If-Match must be" in bad.json()["detail"][0]["msg"]
