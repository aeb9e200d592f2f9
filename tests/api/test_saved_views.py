"""/views: saved views through the API, the same rules as in the workspace."""

from __future__ import annotations

from tests.api.conftest import locs


def test_it_saves_lists_changes_and_deletes_a_view(as_agent, agent):
    response = as_agent.post(
        "/views", {"name": "Breached L2", "filters": {"sla": "breached", "level": "l2"}}
    )
    assert response.status_code == 201, response.content
    view = response.json()
    assert view["queue"] == "open"
    assert view["filters"] == {"level": "l2", "sla": "breached"}
    assert view["owner"]["id"] == agent.pk
    assert view["editable"] is True
    assert view["url"] == f"/desk/queues/open/?level=l2&sla=breached&view={view['id']}"
    assert [v["name"] for v in as_agent.get("/views").json()] == ["Breached L2"]
    changed = as_agent.patch(f"/views/{view['id']}", {"name": "L2 breached", "queue": "mine"})
    assert (changed.json()["name"], changed.json()["queue"]) == ("L2 breached", "mine")
    assert changed.json()["filters"] == {"level": "l2", "sla": "breached"}
    assert as_agent.delete(f"/views/{view['id']}").status_code == 204
    assert as_agent.get("/views").json() == []


def test_filter_values_the_queue_would_ignore_are_refused(as_agent):
    response = as_agent.post("/views", {"name": "x", "filters": {"priority": "asap"}})
    assert response.status_code == 422
    assert locs(response) == [["body", "filters"]]
    assert "priority: Select a valid choice" in response.json()["detail"][0]["msg"]
    response = as_agent.post("/views", {"name": "x", "filters": {"password": "x"}})
    assert "Unknown filter password" in response.json()["detail"][0]["msg"]
    response = as_agent.post("/views", {"name": "x", "queue": "nope"})
    assert locs(response) == [["body", "queue"]]


def test_only_a_lead_shares_and_others_only_read_shared_views(api_as, as_agent, lead, agent):
    assert as_agent.post("/views", {"name": "All", "shared": True}).status_code == 403
    as_lead = api_as(lead)
    shared = as_lead.post("/views", {"name": "Team", "shared": True}).json()
    personal = as_lead.post("/views", {"name": "Lead's own"}).json()
    listed = as_agent.get("/views").json()
    assert [(v["name"], v["editable"]) for v in listed] == [("Team", False)]
    assert as_agent.patch(f"/views/{shared['id']}", {"name": "Mine"}).status_code == 403
    assert as_agent.delete(f"/views/{shared['id']}").status_code == 403
    assert as_agent.patch(f"/views/{personal['id']}", {"name": "Mine"}).status_code == 404


def test_an_outsider_sees_no_views_and_saves_none(api_as, as_outsider, lead):
    api_as(lead).post("/views", {"name": "Team", "shared": True})
    assert as_outsider.get("/views").json() == []
    assert as_outsider.post("/views", {"name": "x"}).status_code == 403
