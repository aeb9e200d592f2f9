"""Calendar feeds: the .ics parsed back and compared with the resolution, secret and revocable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from icalendar import Calendar

from sunrelay.schedule import feeds, oncall, overrides
from sunrelay.schedule.rotations.models import CalendarFeed
from tests.factories import make_staff
from tests.schedule.builders import make_rotation

NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)  # DST changes in the window on both sides


@pytest.fixture
def team(db):
    return {
        "ana": make_staff("ana", roles=["solutions"], time_zone="Europe/Madrid", last_name="Ruiz"),
        "ben": make_staff("ben", roles=["solutions"], time_zone="America/Chicago"),
    }


@pytest.fixture
def l2(team):
    return make_rotation("SE L2", layers=[{"people": [team["ana"], team["ben"]]}])


def parse(body: bytes) -> list[tuple]:
    cal = Calendar.from_ical(body)
    return [
        (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"), str(e["uid"]))
        for e in cal.walk("VEVENT")
    ]


def fetch(raw: str):
    return Client().get(f"/calendars/{raw}.ics")


def test_a_rotation_feed_round_trips_shift_by_shift(team, l2, agent):
    with time_machine.travel(NOW, tick=False):
        overrides.create_override(
            l2, agent, user=team["ben"], starts_at=NOW, ends_at=NOW + timedelta(hours=6)
        )
        _feed, raw = feeds.create_feed(agent, rotation=l2)
        response = fetch(raw)
        loaded = oncall.load(l2, NOW - feeds.PAST)
        first = loaded.resolver.shift_at(NOW - feeds.PAST).start
        expected = [s for s in loaded.resolver.resolve(first, NOW + feeds.AHEAD) if s.person]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = parse(response.content)
    names = {team["ana"].pk: "Ana Ruiz", team["ben"].pk: "Ben"}
    assert [(summary, start, end) for summary, start, end, _ in events] == [
        (f"On call: {names[s.person]}", s.start, s.end) for s in expected
    ]
    # The weekly shift over Madrid's spring forward (Monday 23 March) lasts 167 hours.
    lengths = {(end - start) / timedelta(hours=1) for _, start, end, _ in events}
    assert 167 in lengths
    assert len({uid for *_, uid in events}) == len(events)
    cal = Calendar.from_ical(response.content)
    assert str(cal["x-wr-calname"]) == "On call: SE L2"


def test_the_same_shift_keeps_its_uid_between_downloads(team, l2, agent):
    _feed, raw = feeds.create_feed(agent, rotation=l2)
    with time_machine.travel(NOW, tick=False):
        first = parse(fetch(raw).content)
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        second = parse(fetch(raw).content)
    assert [uid for *_, uid in first] == [uid for *_, uid in second]


def test_a_persons_feed_has_their_shifts_from_every_rotation(team, l2):
    make_rotation("Nights", layers=[{"people": [team["ana"]], "unit": "days"}])
    _feed, raw = feeds.create_feed(team["ana"], person=team["ana"])
    with time_machine.travel(NOW, tick=False):
        events = parse(fetch(raw).content)
        mine = oncall.shifts_of_person(
            team["ana"].pk, NOW - feeds.PAST, NOW + feeds.AHEAD, whole=True
        )
    assert [(summary, start) for summary, start, _, _ in events] == [
        (f"On call: {rotation.name}", shift.start) for rotation, shift in mine
    ]
    assert {summary for summary, *_ in events} == {"On call: SE L2", "On call: Nights"}


def test_tokens_are_stored_hashed_and_revocable(team, l2, agent, lead):
    feed, raw = feeds.create_feed(agent, rotation=l2)
    assert raw not in feed.token_hash and len(feed.token_hash) == 64
    assert fetch(raw).status_code == 200
    assert fetch(raw + "x").status_code == 404
    with pytest.raises(PermissionDenied):
        feeds.revoke(feed, team["ben"])  # neither maker, nor its person, nor lead
    feeds.revoke(feed, lead)
    assert fetch(raw).status_code == 404
    assert CalendarFeed.objects.get().last_used_at is not None


def test_only_the_person_or_a_lead_makes_a_personal_feed(team, agent, lead, sales):
    with pytest.raises(PermissionDenied):
        feeds.create_feed(agent, person=team["ana"])
    with pytest.raises(PermissionDenied):
        feeds.create_feed(sales, person=sales)
    feeds.create_feed(lead, person=team["ana"])
