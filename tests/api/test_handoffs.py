"""Hand off now and take it back through the API; a ticket's hand-over in its JSON."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from sunrelay.sla.models import Policy, Target
from tests.api.conftest import locs
from tests.factories import make_ticket
from tests.schedule.builders import make_worker

# Tuesday 24 November 2026, 15:05 UTC: Madrid and New York are on shift.
NOW = datetime(2026, 11, 24, 15, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team(db):
    policy = Policy.objects.create(name="4 h")
    Target.objects.create(policy=policy, metric="first_reply", minutes=240, business=False)
    return {
        "marta": make_worker("marta", "Europe/Madrid"),
        "nora": make_worker("nora", "America/New_York"),
    }


def test_it_hands_off_now_and_the_owner_takes_it_back(api_as, team, contact):
    ticket = make_ticket(contact, subject="Tiles blank", assignee=team["marta"])
    as_marta, as_nora = api_as(team["marta"]), api_as(team["nora"])
    response = as_marta.post(f"/tickets/{ticket.pk}/hand-off", {"note": "Call Carla first."})
    assert response.status_code == 201
    body = response.json()
    assert (body["to_user"]["username"], body["owner"]["username"]) == ("nora", "marta")
    assert (body["until"], body["manual"], body["ended_at"], body["outcome"]) == (
        "2026-11-25T08:00:00Z",
        True,
        None,
        None,
    )
    assert body["note"] == "Call Carla first." and body["generated"] is False
    read = as_nora.get(f"/tickets/{ticket.pk}").json()
    assert read["assignee"]["username"] == "nora"
    assert read["handed_over"] == {
        "owner_id": team["marta"].pk,
        "owner_name": "Marta",
        "until": "2026-11-25T08:00:00Z",
        "since": "2026-11-24T15:05:00Z",
        "manual": True,
    }
    refused = as_nora.post(f"/tickets/{ticket.pk}/take-back")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only Marta, whose ticket it is, takes it back."
    back = as_marta.post(f"/tickets/{ticket.pk}/take-back")
    assert back.status_code == 200
    assert (back.json()["outcome"], back.json()["id"]) == ("taken_back", body["id"])
    read = as_marta.get(f"/tickets/{ticket.pk}").json()
    assert read["assignee"]["username"] == "marta" and read["handed_over"] is None


def test_refusals_name_the_field_sent(api_as, team, contact, as_sales):
    ticket = make_ticket(contact, subject="Tiles blank", assignee=team["marta"])
    as_marta = api_as(team["marta"])
    response = as_marta.post(f"/tickets/{ticket.pk}/hand-off", {"to_id": 99999})
    assert (response.status_code, locs(response)) == (422, [["body", "to_id"]])
    response = as_marta.post(f"/tickets/{ticket.pk}/hand-off", {"to_id": team["marta"].pk})
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["body", "to_id"],
        "msg": "Marta owns this ticket: take it back instead.",
        "type": "value_error",
    }
    assert as_sales.post(f"/tickets/{ticket.pk}/hand-off", {}).status_code == 403
