"""/schedule and /sla: who is on shift, hand-offs, coverage, policies and calendars."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from sunrelay.schedule.models import Handoff
from sunrelay.sla.models import Calendar, CalendarInterval, Holiday, Policy, Target
from sunrelay.team.models import StaffProfile, TimeOff, WorkingInterval
from tests.api.conftest import locs
from tests.factories import make_account, make_contact, make_staff, make_ticket

# Tuesday 24 November 2026, 15:30 UTC: 16:30 in Madrid, 10:30 in New York.
AT = "2026-11-24T15:30:00Z"


def staff(username, zone, location, roles=("support",), levels=("l1", "l2"), start=time(9)):
    user = make_staff(username, roles=list(roles), time_zone=zone)
    StaffProfile.objects.filter(user=user).update(location=location, support_levels=list(levels))
    for day in range(5):
        WorkingInterval.objects.create(
            profile=user.staff_profile, weekday=day, start=start, end=time(17)
        )
    return user


@pytest.fixture
def team(db):
    return {
        "marta": staff("marta", "Europe/Madrid", "Madrid"),
        "nora": staff("nora", "America/New_York", "New York", levels=("l1",)),
        "tomas": staff("tomas", "America/Denver", "Denver", ("solutions",), ("l2",), start=time(8)),
    }


def test_on_shift_at_a_given_time(as_agent, team):
    response = as_agent.get("/schedule/on-shift", {"at": AT})
    assert response.status_code == 200
    body = response.json()
    assert [p["user"]["name"] for p in body] == ["Marta", "Nora", "Tomas"]
    marta = body[0]
    assert marta == {
        "user": {"id": team["marta"].pk, "name": "Marta"},
        "region": "Europe/Madrid",
        "location": "Madrid",
        "roles": ["support"],
        "levels": ["l1", "l2"],
        "local_time": "2026-11-24T16:30:00+01:00",
        "shift_ends_at": "2026-11-24T16:00:00Z",
    }


def test_on_shift_filters_by_role_and_level_and_reads_a_naive_time_as_utc(as_agent, team):
    names = lambda r: [p["user"]["name"] for p in r.json()]  # noqa: E731
    assert names(as_agent.get("/schedule/on-shift", {"at": AT, "level": "l2"})) == [
        "Marta",
        "Tomas",
    ]
    assert names(as_agent.get("/schedule/on-shift", {"at": AT, "role": "solutions"})) == ["Tomas"]
    # 07:00 UTC: nobody yet (Madrid starts at 08:00 UTC).
    assert names(as_agent.get("/schedule/on-shift", {"at": "2026-11-24T07:00:00"})) == []


def test_time_off_takes_people_off_shift(as_agent, team):
    TimeOff.objects.create(
        user=team["nora"], first_day=date(2026, 11, 24), last_day=date(2026, 11, 24)
    )
    names = [p["user"]["name"] for p in as_agent.get("/schedule/on-shift", {"at": AT}).json()]
    assert names == ["Marta", "Tomas"]


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"role": "astronaut"}, ["query", "role"]),
        ({"level": "l9"}, ["query", "level"]),
        ({"at": "yesterday"}, ["query", "at"]),
    ],
)
def test_on_shift_refuses_bad_filters_by_field(as_agent, params, loc):
    response = as_agent.get("/schedule/on-shift", params)
    assert response.status_code == 422
    assert loc in locs(response)


@pytest.mark.parametrize(
    "path",
    [
        "/schedule/on-shift",
        "/schedule/handoffs",
        "/schedule/coverage",
        "/team/time-off",
        "/sla/policies",
        "/sla/calendars",
    ],
)
def test_every_endpoint_needs_a_login_and_a_role(anonymous, as_outsider, as_sales, path):
    assert anonymous.get(path).status_code == 401
    refused = as_outsider.get(path)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Your log-in has no role in Sunrelay yet."}
    assert as_sales.get(path).status_code == 200


@pytest.fixture
def handoffs(team, sales):
    mine = make_account("Acme Maps", tier="enterprise", ae=sales)
    other = make_account("Globex", tier="pro")
    acme = make_ticket(make_contact("Carla", "carla@acme.test", account=mine), "Acme tiles")
    globex = make_ticket(make_contact("Gus", "gus@globex.test", account=other), "Globex routing")
    rows = [
        (acme, "Europe/Madrid", "America/New_York", 20),
        (globex, "America/New_York", "America/Denver", 21),
        (globex, "Europe/Madrid", "America/New_York", 22),
    ]
    return [
        Handoff.objects.create(
            ticket=ticket,
            at=datetime(2026, 11, day, 16, tzinfo=UTC),
            from_user=team["marta"],
            to_user=team["nora"],
            from_region=src,
            to_region=dst,
            next_deadline=datetime(2026, 11, day, 19, tzinfo=UTC),
            note="Repro in staging.",
            generated=day != 20,
        )
        for ticket, src, dst, day in rows
    ]


def test_handoffs_are_listed_newest_first_with_filters(as_agent, handoffs):
    body = as_agent.get("/schedule/handoffs").json()
    assert body["count"] == 3
    first = body["items"][0]
    assert first["at"] == "2026-11-22T16:00:00Z"
    assert first["ticket"] == {"id": handoffs[2].ticket_id, "subject": "Globex routing"}
    assert first["from_user"]["username"] == "marta" and first["to_user"]["username"] == "nora"
    assert (first["from_region"], first["to_region"], first["generated"]) == (
        "Europe/Madrid",
        "America/New_York",
        True,
    )
    denver = as_agent.get("/schedule/handoffs", {"region": "America/Denver"}).json()
    assert [h["id"] for h in denver["items"]] == [handoffs[1].pk]
    window = as_agent.get(
        "/schedule/handoffs", {"after": "2026-11-21T00:00:00Z", "before": "2026-11-22T00:00:00Z"}
    ).json()
    assert [h["id"] for h in window["items"]] == [handoffs[1].pk]
    one = as_agent.get("/schedule/handoffs", {"ticket": handoffs[0].ticket_id, "limit": 1}).json()
    assert one["count"] == 1 and one["limit"] == 1
    bad = as_agent.get("/schedule/handoffs", {"region": "Mars/Olympus"})
    assert bad.status_code == 422 and ["query", "region"] in locs(bad)


def test_sales_see_handoffs_of_their_accounts_only(as_sales, handoffs):
    body = as_sales.get("/schedule/handoffs").json()
    assert [h["id"] for h in body["items"]] == [handoffs[0].pk]


def test_coverage_of_a_week(as_agent, team):
    cal = Calendar.objects.create(name="24/7", time_zone="UTC")
    policy = Policy.objects.create(name="Enterprise", tiers=["enterprise"], calendar=cal)
    Target.objects.create(policy=policy, metric="first_reply", minutes=60, business=False)
    body = as_agent.get("/schedule/coverage", {"week": "2026-W48"}).json()
    assert (body["week"], body["starts_at"], body["ends_at"]) == (
        "2026-W48",
        "2026-11-23T00:00:00Z",
        "2026-11-30T00:00:00Z",
    )
    assert [r["time_zone"] for r in body["regions"]] == [
        "Europe/Madrid",
        "America/New_York",
        "America/Denver",
    ]
    assert len(body["hours"]) == 168
    hour = body["hours"][15]  # Monday 15:00 UTC
    assert hour["on_shift"] == 3 and hour["state"] == "covered"
    assert hour["regions"][0]["local_start"] == "2026-11-23T16:00:00+01:00"
    assert hour["regions"][0]["people"] == [
        {"id": team["marta"].pk, "name": "Marta", "minutes": 60}
    ]
    night = body["hours"][3]
    assert night["state"] == "exposed" and night["exposed_tiers"] == ["enterprise"]
    assert night["exposed_clocks"] == ["Enterprise: first reply (calendar time)"]


@pytest.mark.parametrize("week", ["2026-48", "2025-W53", "next"])
def test_coverage_refuses_a_bad_week(as_agent, week):
    response = as_agent.get("/schedule/coverage", {"week": week})
    assert response.status_code == 422
    assert locs(response) == [["query", "week"]]


def test_policies_and_calendars_are_read_in_order(as_agent):
    cal = Calendar.objects.create(name="Madrid office", time_zone="Europe/Madrid")
    CalendarInterval.objects.create(calendar=cal, weekday=4, start=time(22), end=time(2))
    Holiday.objects.create(calendar=cal, date=date(2026, 12, 8), name="Inmaculada Concepción")
    Holiday.objects.create(calendar=cal, date=date(2026, 1, 6), name="Reyes")
    later = Policy.objects.create(position=20, name="Everyone else")
    first = Policy.objects.create(
        position=10, name="Enterprise", tiers=["enterprise", "partner"], calendar=cal
    )
    Target.objects.create(policy=first, metric="first_reply", minutes=240)
    policies = as_agent.get("/sla/policies").json()
    assert [p["name"] for p in policies] == ["Enterprise", "Everyone else"]
    assert policies[0]["calendar"] == {
        "id": cal.pk,
        "name": "Madrid office",
        "time_zone": "Europe/Madrid",
    }
    assert policies[0]["targets"] == [{"metric": "first_reply", "minutes": 240, "business": True}]
    assert policies[1]["id"] == later.pk and policies[1]["calendar"] is None
    calendars = as_agent.get("/sla/calendars").json()
    assert calendars[0]["intervals"] == [{"weekday": 4, "start": "22:00:00", "end": "02:00:00"}]
    assert [h["date"] for h in calendars[0]["holidays"]] == ["2026-01-06", "2026-12-08"]
    upcoming = as_agent.get("/sla/calendars", {"holidays_from": "2026-06-01"}).json()
    assert upcoming[0]["holidays"] == [{"date": "2026-12-08", "name": "Inmaculada Concepción"}]


def test_sla_configuration_is_read_only_through_the_api(as_agent):
    assert as_agent.post("/sla/policies", {"name": "x"}).status_code == 405
