"""Rotations set up on the settings pages, through schedule.rotations.setup."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.schedule import oncall
from sunrelay.schedule.rotations import setup
from sunrelay.schedule.rotations.models import Layer, Rotation
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return {
        "ana": make_staff("ana", roles=["solutions"], time_zone="Europe/Madrid"),
        "ben": make_staff("ben", roles=["support"], time_zone="America/Denver"),
    }


def layer_fields(team, **changes) -> dict:
    return {
        "position": 1,
        "handoff_time": time(9),
        "handoff_weekday": 0,
        "starts_on": date(2026, 1, 5),
        "participants": [team["ana"], team["ben"]],
        **changes,
    }


def test_a_lead_sets_up_a_rotation_whose_turns_follow_the_layer(lead, team):
    rotation = setup.save_rotation(
        lead, None, name="L2 week", time_zone="Europe/Madrid", level="l2"
    )
    setup.save_layer(lead, rotation, None, **layer_fields(team))
    # Monday 5 Jan 09:00 Madrid: ana's week; the next Monday: ben's.
    assert oncall.person_on_call(rotation, datetime(2026, 1, 7, 12, tzinfo=UTC)) == team["ana"].pk
    assert oncall.person_on_call(rotation, datetime(2026, 1, 14, 12, tzinfo=UTC)) == team["ben"].pk


def test_turns_are_kept_in_order_and_restrictions_replaced(lead, team):
    rotation = setup.save_rotation(lead, None, name="Nights", time_zone="UTC")
    layer = setup.save_layer(
        lead,
        rotation,
        None,
        **layer_fields(team, participants=[team["ben"], team["ana"]]),
        restrictions={0: [(time(18), time(9))]},
    )
    assert [p.user for p in layer.participants.order_by("position")] == [team["ben"], team["ana"]]
    setup.save_layer(lead, rotation, layer, **layer_fields(team), restrictions={})
    assert layer.restrictions.count() == 0
    assert [p.user for p in layer.participants.order_by("position")] == [team["ana"], team["ben"]]


def test_rotation_rules_refuse_in_words(lead, team, sales):
    rotation = setup.save_rotation(lead, None, name="L2", time_zone="UTC")
    setup.save_layer(lead, rotation, None, **layer_fields(team))
    with pytest.raises(ValidationError) as exc:
        setup.save_rotation(lead, None, name="l2", time_zone="CET")
    assert set(exc.value.message_dict) == {"name", "time_zone"}
    with pytest.raises(ValidationError) as exc:
        setup.save_layer(
            lead, rotation, None, **layer_fields(team, shift_length=0, participants=[sales])
        )
    errors = exc.value.message_dict
    assert errors["position"] == ["Layer 1 exists already: give this one another number."]
    assert errors["shift_length"] == ["A shift lasts at least one unit."]
    assert errors["participants"] == [
        "Sam cannot be on call: only active support staff take turns."
    ]


def test_only_leads_set_up_rotations(agent, team):
    with pytest.raises(PermissionDenied):
        setup.save_rotation(agent, None, name="x", time_zone="UTC")


# The pages


def test_a_lead_creates_a_rotation_and_a_layer_on_the_pages(client, lead, team):
    client.force_login(lead)
    response = client.post(
        "/desk/settings/rotations/new/",
        {"name": "L2 week", "time_zone": "Europe/Madrid", "level": "l2", "description": ""},
    )
    rotation = Rotation.objects.get(name="L2 week")
    assert response["Location"] == f"/desk/settings/rotations/{rotation.pk}/"
    layer_url = f"/desk/settings/rotations/{rotation.pk}/layers/new/"
    form = client.get(layer_url).content.decode()
    assert 'name="turn_2"' in form and 'name="turn_3"' not in form  # three empty turns
    response = client.post(
        layer_url,
        {
            "position": "1",
            "name": "Days",
            "shift_length": "1",
            "shift_unit": "weeks",
            "handoff_weekday": "0",
            "handoff_time": "09:00",
            "starts_on": "2026-01-05",
            "ends_at": "2026-06-30T18:00",
            "turn_0": team["ben"].pk,
            "turn_1": "",
            "turn_2": team["ana"].pk,
            "day_0": "09:00-17:00",
        },
    )
    assert response.status_code == 302
    layer = Layer.objects.get(rotation=rotation)
    assert [p.user for p in layer.participants.order_by("position")] == [team["ben"], team["ana"]]
    assert layer.ends_at == datetime(2026, 6, 30, 16, tzinfo=UTC)  # typed in Madrid time
    assert [(r.weekday, r.start, r.end) for r in layer.restrictions.all()] == [
        (0, time(9), time(17))
    ]


def test_a_refused_layer_keeps_what_was_typed(client, lead, team):
    rotation = Rotation.objects.create(name="R", time_zone="UTC")
    client.force_login(lead)
    response = client.post(
        f"/desk/settings/rotations/{rotation.pk}/layers/new/",
        {
            "position": "1",
            "shift_length": "0",
            "shift_unit": "days",
            "handoff_time": "09:00",
            "starts_on": "2026-01-05",
            "day_1": "nine to five",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "is not a stretch like 09:00-17:00" in html and 'value="nine to five"' in html


def test_everyone_reads_the_rotation_settings(client, agent, lead, team):
    rotation = setup.save_rotation(lead, None, name="L2 week", time_zone="UTC")
    setup.save_layer(lead, rotation, None, **layer_fields(team))
    client.force_login(agent)
    html = client.get("/desk/settings/rotations/").content.decode()
    assert "Ana → Ben" in html and "New rotation" not in html
    assert client.get(f"/desk/settings/rotations/{rotation.pk}/").status_code == 403


def test_a_lead_removes_a_layer(client, lead, team):
    rotation = setup.save_rotation(lead, None, name="L2 week", time_zone="UTC")
    layer = setup.save_layer(lead, rotation, None, **layer_fields(team))
    client.force_login(lead)
    client.post(f"/desk/settings/rotations/{rotation.pk}/layers/{layer.pk}/delete/")
    assert not Layer.objects.exists()
