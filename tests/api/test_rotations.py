"""/rotations, /escalation-policies: read rotations, resolved shifts, on call, overrides."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine

from sunrelay.paging.models import EscalationPolicy, EscalationStep, Webhook
from sunrelay.schedule.rotations.models import Override
from tests.api.conftest import locs
from tests.factories import make_staff
from tests.schedule.builders import make_rotation

NOW = datetime(2026, 1, 7, 12, tzinfo=UTC)


@pytest.fixture
def team(db):
    return {
        "ana": make_staff("ana", roles=["solutions"], time_zone="Europe/Madrid"),
        "ben": make_staff("ben", roles=["solutions"], time_zone="America/Denver"),
    }


@pytest.fixture
def rotation(team):
    return make_rotation(
        "SE L2",
        level="l2",
        layers=[
            {
                "people": [team["ana"], team["ben"]],
                "restrictions": [(d, time(9), time(17)) for d in range(5)],
            }
        ],
    )


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_lists_and_reads_rotations_with_their_layers(as_agent, rotation, team):
    listed = as_agent.get("/rotations").json()
    assert listed["count"] == 1
    body = as_agent.get(f"/rotations/{rotation.pk}").json()
    assert body["name"] == "SE L2" and body["level"] == "l2"
    layer = body["layers"][0]
    assert [p["username"] for p in layer["participants"]] == ["ana", "ben"]
    assert layer["shift_unit"] == "weeks" and layer["handoff_weekday"] == 0
    assert layer["time_zone"] == "Europe/Madrid"
    assert layer["restrictions"][0] == {"weekday": 0, "start": "09:00:00", "end": "17:00:00"}


def test_it_resolves_a_window_with_gaps(as_agent, rotation):
    body = as_agent.get(
        f"/rotations/{rotation.pk}/shifts",
        {"start": "2026-01-09T00:00:00Z", "end": "2026-01-10T00:00:00Z"},
    ).json()
    assert [
        (s["start"], s["end"], s["source"], (s["person"] or {}).get("username"))
        for s in body["items"]
    ] == [
        ("2026-01-09T00:00:00Z", "2026-01-09T08:00:00Z", "gap", None),
        ("2026-01-09T08:00:00Z", "2026-01-09T16:00:00Z", "layer", "ana"),
        ("2026-01-09T16:00:00Z", "2026-01-10T00:00:00Z", "gap", None),
    ]


def test_on_call_now_and_next_honour_overrides(as_agent, rotation, team):
    body = as_agent.get(f"/rotations/{rotation.pk}/oncall").json()
    assert body["current"]["person"]["username"] == "ana"
    assert body["next"]["person"]["username"] == "ana"  # tomorrow 09:00 Madrid
    created = as_agent.post(
        f"/rotations/{rotation.pk}/overrides",
        {"user_id": team["ben"].pk, "starts_at": "2026-01-07T11:00:00Z",
         "ends_at": "2026-01-07T14:00:00Z", "reason": "swap"},
    )  # fmt: skip
    assert created.status_code == 201
    assert created.json()["user"]["username"] == "ben"
    body = as_agent.get(f"/rotations/{rotation.pk}/oncall").json()
    assert body["current"]["person"]["username"] == "ben"
    assert body["current"]["source"] == "override"
    assert body["current"]["override_id"] == created.json()["id"]
    assert body["next"]["person"]["username"] == "ana"
    assert body["next"]["start"] == "2026-01-07T14:00:00Z"
    listed = as_agent.get(f"/rotations/{rotation.pk}/overrides").json()
    assert [o["reason"] for o in listed] == ["swap"]


def test_an_override_can_be_removed(as_agent, rotation, team):
    made = as_agent.post(
        f"/rotations/{rotation.pk}/overrides",
        {
            "user_id": team["ben"].pk,
            "starts_at": "2026-01-07T11:00:00Z",
            "ends_at": "2026-01-07T14:00:00Z",
        },
    ).json()
    path = f"/api/v1/rotations/{rotation.pk}/overrides/{made['id']}"
    assert as_agent.client.delete(path).status_code == 204
    assert not Override.objects.exists()
    assert as_agent.client.delete(path).status_code == 404


def test_bad_overrides_and_windows_are_422(as_agent, rotation, team):
    response = as_agent.post(
        f"/rotations/{rotation.pk}/overrides",
        {
            "user_id": team["ben"].pk,
            "starts_at": "2026-01-07T14:00:00Z",
            "ends_at": "2026-01-07T11:00:00Z",
        },
    )
    assert response.status_code == 422 and ["body", "ends_at"] in locs(response)
    response = as_agent.post(
        f"/rotations/{rotation.pk}/overrides",
        {
            "user_id": 999_999,
            "starts_at": "2026-01-07T11:00:00Z",
            "ends_at": "2026-01-07T14:00:00Z",
        },
    )
    assert response.status_code == 422 and ["body", "user_id"] in locs(response)
    response = as_agent.post(f"/rotations/{rotation.pk}/overrides", {"user_id": team["ben"].pk})
    assert response.status_code == 422
    response = as_agent.get(
        f"/rotations/{rotation.pk}/shifts",
        {"start": "2026-01-01T00:00:00Z", "end": "2026-06-01T00:00:00Z"},
    )
    assert response.status_code == 422


def test_permissions(anonymous, as_sales, as_outsider, rotation, team):
    assert anonymous.get("/rotations").status_code == 401
    assert as_sales.get(f"/rotations/{rotation.pk}/oncall").status_code == 200
    response = as_sales.post(
        f"/rotations/{rotation.pk}/overrides",
        {
            "user_id": team["ben"].pk,
            "starts_at": "2026-01-07T11:00:00Z",
            "ends_at": "2026-01-07T14:00:00Z",
        },
    )
    assert response.status_code == 403
    assert as_outsider.get("/rotations").json()["count"] == 0
    assert as_outsider.get(f"/rotations/{rotation.pk}").status_code == 404
    assert as_outsider.get(f"/rotations/{rotation.pk}/shifts").status_code == 404
    assert not Override.objects.exists()


def test_escalation_policies_are_readable_without_secrets(as_agent, as_outsider, rotation, agent):
    hook = Webhook.objects.create(name="#urgent", url="https://chat.example.test/hook/SECRET")
    policy = EscalationPolicy.objects.create(name="Urgent", repeat_times=2, is_default=True)
    EscalationStep.objects.create(
        policy=policy, position=0, kind="notify_on_call", rotation=rotation
    )
    EscalationStep.objects.create(policy=policy, position=1, kind="wait", wait_minutes=5)
    EscalationStep.objects.create(policy=policy, position=2, kind="notify_webhook", webhook=hook)
    step = EscalationStep.objects.create(policy=policy, position=3, kind="notify_people")
    step.people.set([agent])
    response = as_agent.get(f"/escalation-policies/{policy.pk}")
    body = response.json()
    assert [s["kind"] for s in body["steps"]] == [
        "notify_on_call",
        "wait",
        "notify_webhook",
        "notify_people",
    ]
    assert body["steps"][0]["rotation_id"] == rotation.pk and body["steps"][1]["wait_minutes"] == 5
    assert (
        body["steps"][2]["webhook"] == "#urgent"
        and body["steps"][3]["people"][0]["username"] == "alba"
    )
    assert (
        "SECRET" not in response.content.decode() and hook.secret not in response.content.decode()
    )
    assert as_agent.get("/escalation-policies").json()["count"] == 1
    assert as_outsider.get(f"/escalation-policies/{policy.pk}").status_code == 404


def override_body(team, starts_at: str, ends_at: str, **extra) -> dict:
    return {"user_id": team["ben"].pk, "starts_at": starts_at, "ends_at": ends_at, **extra}


@pytest.mark.parametrize(
    "starts_at, ends_at, accepted",
    [
        ("2026-01-08T12:00:00", "2026-04-10T12:30:00", True),  # 91 d 23 h 30 min elapsed
        ("2026-08-01T12:00:00", "2026-11-01T11:30:00", False),  # 92 d 30 min elapsed
    ],
)
def test_the_override_length_limit_is_elapsed_time(
    as_agent, rotation, team, starts_at, ends_at, accepted
):
    body = override_body(team, starts_at, ends_at, time_zone="Europe/Madrid")
    response = as_agent.post(f"/rotations/{rotation.pk}/overrides", body)
    assert response.status_code == (201 if accepted else 422), response.json()
    if not accepted:
        assert ["body", "ends_at"] in locs(response)


@pytest.mark.parametrize(
    "starts_at, expected",
    [
        ("2026-03-29T02:30:00", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # gap: forward
        ("2026-10-25T02:30:00", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # first 02:30
        ("2026-10-25T02:30:00+01:00", datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # second
    ],
)
def test_local_times_are_read_by_the_calendars_rules(as_agent, rotation, team, starts_at, expected):
    ends_at = starts_at[:11] + "09:00:00"  # the same morning
    body = override_body(team, starts_at, ends_at, time_zone="Europe/Madrid")
    response = as_agent.post(f"/rotations/{rotation.pk}/overrides", body)
    assert response.status_code == 201, response.json()
    assert Override.objects.get().starts_at == expected


def test_bad_zones_and_offsets_are_422_in_words(as_agent, rotation, team):
    path = f"/rotations/{rotation.pk}/overrides"
    body = override_body(team, "2026-01-20T10:00:00", "2026-01-20T18:00:00", time_zone="CET")
    response = as_agent.post(path, body)
    assert response.status_code == 422 and "IANA time zone" in response.content.decode()
    body = override_body(
        team, "2026-01-20T10:00:00+02:00", "2026-01-20T18:00:00", time_zone="Europe/Madrid"
    )
    response = as_agent.post(path, body)
    assert response.status_code == 422 and ["body", "starts_at"] in locs(response)
    assert "Europe/Madrid is at UTC+01:00 then, not UTC+02:00" in response.content.decode()
    assert not Override.objects.exists()
