"""Stored rotations: on call now and next from the database, overrides, time-off conflicts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.schedule import oncall, overrides
from sunrelay.schedule.rotations.models import Override
from sunrelay.team.models import TimeOff
from tests.factories import make_staff
from tests.schedule.builders import make_rotation


def at(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def people(db):
    return {
        "ana": make_staff("ana", roles=["solutions"], time_zone="Europe/Madrid"),
        "ben": make_staff("ben", roles=["solutions"], time_zone="America/Denver"),
        "cruz": make_staff("cruz", roles=["support"], time_zone="Europe/Madrid"),
    }


@pytest.fixture
def l2(people):
    return make_rotation("SE L2", level="l2", layers=[{"people": [people["ana"], people["ben"]]}])


def test_on_call_now_and_next_from_the_database(l2, people):
    now = at(2026, 1, 7, 12)  # Wednesday of ana's first week (from Monday 5 January 09:00)
    found = oncall.on_call(oncall.load(l2, now), now)
    assert found.person == people["ana"].pk
    assert found.current.start == at(2026, 1, 5, 8)  # 09:00 Madrid
    assert (found.next.person, found.next.start) == (people["ben"].pk, at(2026, 1, 12, 8))
    assert oncall.rotation_for_level("l2") == l2


def test_stored_overrides_beat_the_layers_and_the_latest_wins(l2, people):
    now = at(2026, 1, 7, 12)
    overrides.create_override(
        l2, people["cruz"], user=people["cruz"], starts_at=at(2026, 1, 7, 10),
        ends_at=at(2026, 1, 7, 18), now=now,
    )  # fmt: skip
    assert oncall.person_on_call(l2, now) == people["cruz"].pk
    overrides.create_override(
        l2, people["ana"], user=people["ben"], starts_at=at(2026, 1, 7, 11),
        ends_at=at(2026, 1, 7, 13), now=now,
    )  # fmt: skip
    assert oncall.person_on_call(l2, now) == people["ben"].pk
    found = oncall.on_call(oncall.load(l2, now), now)
    assert found.current.source == "override"
    assert found.next.person == people["cruz"].pk and found.next.start == at(2026, 1, 7, 13)


def test_the_timeline_flags_time_off_as_a_conflict(l2, people):
    TimeOff.objects.create(
        user=people["ben"], first_day=date(2026, 1, 14), last_day=date(2026, 1, 15)
    )
    loaded = oncall.load(l2, at(2026, 1, 5))
    shifts = oncall.timeline(loaded, at(2026, 1, 5, 8), at(2026, 1, 26, 8))
    assert [(s.person, s.conflict) for s in shifts] == [
        (people["ana"].pk, ""),
        (people["ben"].pk, "time off"),
        (people["ana"].pk, ""),
    ]


def test_shifts_of_a_person_across_rotations(l2, people):
    make_rotation(
        "Nights",
        layers=[
            {
                "people": [people["ben"]],
                "unit": "days",
                "restrictions": [(d, time(22), time(6)) for d in range(7)],
            }
        ],
    )
    found = oncall.shifts_of_person(people["ben"].pk, at(2026, 1, 12, 0), at(2026, 1, 13, 12))
    assert [(r.name, s.start, s.end) for r, s in found] == [
        ("Nights", at(2026, 1, 12, 0), at(2026, 1, 12, 5)),
        ("SE L2", at(2026, 1, 12, 8), at(2026, 1, 13, 12)),
        ("Nights", at(2026, 1, 12, 21), at(2026, 1, 13, 5)),
    ]


def test_override_rules(l2, people, sales, outsider):
    now = at(2026, 1, 7, 12)
    kwargs = {"user": people["cruz"], "now": now}
    with pytest.raises(ValidationError) as refused:
        overrides.create_override(l2, people["ana"], starts_at=now, ends_at=now, **kwargs)
    assert "ends_at" in refused.value.message_dict
    with pytest.raises(ValidationError):
        overrides.create_override(
            l2,
            people["ana"],
            starts_at=now - timedelta(days=2),
            ends_at=now - timedelta(days=1),
            **kwargs,
        )
    with pytest.raises(ValidationError) as refused:
        overrides.create_override(
            l2, people["ana"], user=sales, starts_at=now, ends_at=now + timedelta(hours=1), now=now
        )
    assert "user" in refused.value.message_dict
    for who in (sales, outsider):
        with pytest.raises(PermissionDenied):
            overrides.create_override(
                l2, who, starts_at=now, ends_at=now + timedelta(hours=1), **kwargs
            )
    assert not Override.objects.exists()


def test_who_may_remove_an_override(l2, people, lead, agent):
    now = at(2026, 1, 7, 12)
    made = overrides.create_override(
        l2,
        people["ana"],
        user=people["cruz"],
        starts_at=now,
        ends_at=now + timedelta(hours=4),
        now=now,
    )
    with pytest.raises(PermissionDenied):
        overrides.delete_override(made, agent)  # neither maker, nor named, nor lead
    assert overrides.can_delete(people["ana"], made)
    assert overrides.can_delete(people["cruz"], made)
    overrides.delete_override(made, lead)
    assert not Override.objects.exists()
