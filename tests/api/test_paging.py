"""Paging and escalating tickets through the API."""

from __future__ import annotations

import pytest
import time_machine

from sunrelay.paging.models import PagingRun
from tests.api.conftest import locs
from tests.factories import make_staff
from tests.paging.conftest import T0, build_policy, build_rotation, build_team
from tests.paging.helpers import run_worker
from tests.schedule.builders import make_rotation


@pytest.fixture
def policy(db):
    team = build_team()
    return build_policy(team, build_rotation(team))


def test_it_pages_a_ticket_and_reads_the_run(as_agent, policy, ticket):
    with time_machine.travel(T0, tick=False):
        response = as_agent.post(f"/tickets/{ticket.pk}/page", {"reason": "Acme is down"})
        assert response.status_code == 201
        body = response.json()
        assert (body["state"], body["source"], body["reason"]) == ("active", "api", "Acme is down")
        assert body["policy"] == "Urgent" and body["paged_by"]["username"] == "alba"
        run_worker()
    run = as_agent.get(f"/paging-runs/{body['id']}").json()
    assert [(n["channel"], n["target"], n["state"]) for n in run["notifications"]] == [
        ("email", "Kai <kai@sunrelay.test>", "sent")
    ]
    assert run["step_index"] == 2 and run["next_at"] == "2026-01-07T10:05:00Z"
    assert as_agent.get(f"/tickets/{ticket.pk}").json()["priority"] == "urgent"
    listed = as_agent.get(f"/tickets/{ticket.pk}/paging-runs").json()
    assert [r["id"] for r in listed] == [body["id"]]


def test_it_acknowledges_through_the_api(as_agent, policy, ticket):
    as_agent.post(f"/tickets/{ticket.pk}/page", {"reason": "Acme is down"})
    response = as_agent.post(f"/tickets/{ticket.pk}/acknowledge")
    assert response.status_code == 200
    assert response.json()["state"] == "acknowledged"
    assert response.json()["acknowledged_via"] == "api"
    again = as_agent.post(f"/tickets/{ticket.pk}/acknowledge")
    assert again.status_code == 422 and ["body", "run"] in locs(again)


def test_paging_refusals_are_422(as_agent, policy, ticket):
    assert ["body", "reason"] in locs(as_agent.post(f"/tickets/{ticket.pk}/page", {"reason": ""}))
    assert as_agent.post(f"/tickets/{ticket.pk}/page", {}).status_code == 422
    as_agent.post(f"/tickets/{ticket.pk}/page", {"reason": "First"})
    twice = as_agent.post(f"/tickets/{ticket.pk}/page", {"reason": "Second"})
    assert twice.status_code == 422 and "already being paged" in twice.content.decode()


def test_it_escalates_through_the_api(as_agent, ticket):
    pablo = make_staff("pablo", roles=["engineering"])
    make_rotation("Response Team", level="engineering", layers=[{"people": [pablo], "length": 2}])
    refused = as_agent.post(f"/tickets/{ticket.pk}/escalate", {"level": "engineering"})
    assert refused.status_code == 422 and ["body", "bug_url"] in locs(refused)
    done = as_agent.post(
        f"/tickets/{ticket.pk}/escalate",
        {"level": "engineering", "bug_url": "https://bugs.example.test/1"},
    )
    assert done.status_code == 200
    assert done.json()["assignee"]["username"] == "pablo"
    assert done.json()["level"] == "engineering"
    assert as_agent.post(f"/tickets/{ticket.pk}/escalate", {"level": "boss"}).status_code == 422


def test_permissions(anonymous, as_sales, as_outsider, as_agent, policy, ticket):
    assert anonymous.post(f"/tickets/{ticket.pk}/page", {"reason": "x"}).status_code == 401
    assert as_sales.post(f"/tickets/{ticket.pk}/page", {"reason": "x"}).status_code == 403
    assert as_sales.post(f"/tickets/{ticket.pk}/acknowledge").status_code == 403
    assert as_sales.post(f"/tickets/{ticket.pk}/escalate", {"level": "l2"}).status_code == 403
    assert as_outsider.post(f"/tickets/{ticket.pk}/page", {"reason": "x"}).status_code == 404
    assert not PagingRun.objects.exists()
    run = as_agent.post(f"/tickets/{ticket.pk}/page", {"reason": "x"}).json()
    assert as_sales.get(f"/paging-runs/{run['id']}").status_code == 200  # their account's ticket
    assert as_sales.get(f"/tickets/{ticket.pk}/paging-runs").status_code == 200
    assert as_outsider.get(f"/paging-runs/{run['id']}").status_code == 404
    assert as_outsider.get(f"/tickets/{ticket.pk}/paging-runs").status_code == 404
