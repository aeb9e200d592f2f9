from __future__ import annotations

from datetime import time

from sunrelay.team.models import WorkingInterval
from tests.factories import make_staff


def test_it_lists_staff_with_roles_zones_and_hours(as_agent, agent, lead):
    profile = lead.staff_profile
    profile.location = "Madrid"
    profile.save()
    WorkingInterval.objects.create(profile=profile, weekday=0, start=time(9), end=time(17))
    WorkingInterval.objects.create(profile=profile, weekday=4, start=time(22), end=time(2))
    body = as_agent.get("/staff").json()
    assert [p["username"] for p in body["items"]] == ["alba", "lucia"]
    lucia = body["items"][1]
    assert lucia["roles"] == ["lead", "support"]
    assert lucia["location"] == "Madrid"
    assert lucia["time_zone"] == "Europe/Madrid"
    assert lucia["email"] == "lucia@sunrelay.test"
    assert lucia["working_hours"] == [
        {"weekday": 0, "start": "09:00:00", "end": "17:00:00"},
        {"weekday": 4, "start": "22:00:00", "end": "02:00:00"},
    ]


def test_it_reads_one_staff_member(as_agent, sales):
    body = as_agent.get(f"/staff/{sales.pk}").json()
    assert body["username"] == "sam"
    assert body["roles"] == ["sales"]
    assert body["time_zone"] == "America/New_York"


def test_it_does_not_list_people_without_a_staff_role(as_agent, outsider):
    assert "olga" not in [p["username"] for p in as_agent.get("/staff").json()["items"]]
    assert as_agent.get(f"/staff/{outsider.pk}").status_code == 404


def test_it_lists_former_staff_only_on_request(as_agent, agent):
    make_staff("gone", roles=["support"], is_active=False)
    assert "gone" not in [p["username"] for p in as_agent.get("/staff").json()["items"]]
    former = as_agent.get("/staff", {"active": "false"}).json()["items"]
    assert [p["username"] for p in former] == ["gone"]
