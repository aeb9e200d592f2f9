"""The rotation pages: on call now and next, the timeline with gaps and conflicts, overrides."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest
import time_machine

from sunrelay.schedule.rotations.models import Override
from sunrelay.team.models import TimeOff
from tests.factories import make_staff
from tests.schedule.builders import make_rotation

NOW = datetime(2026, 1, 7, 12, tzinfo=UTC)  # Wednesday, 13:00 in Madrid


@pytest.fixture
def team(db):
    return {
        "ana": make_staff("ana", roles=["solutions"], time_zone="Europe/Madrid"),
        "ben": make_staff("ben", roles=["solutions"], time_zone="America/Denver"),
    }


@pytest.fixture
def daytime(team):
    """ana and ben take weeks in turn, weekdays 09:00-17:00 Madrid only: nights are gaps."""
    return make_rotation(
        "Enterprise daytime",
        level="l2",
        layers=[
            {
                "people": [team["ana"], team["ben"]],
                "restrictions": [(d, time(9), time(17)) for d in range(5)],
                "name": "Madrid daytime",
            }
        ],
    )


@pytest.fixture
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_list_shows_who_is_on_call_now_and_next(client, agent, daytime, travel):
    client.force_login(agent)
    page = client.get("/desk/rotations/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Enterprise daytime" in text and "Ana" in text and "Ben" not in text.split("Next")[0]
    assert re.search(r"<strong>Ana</strong>", text)


def test_people_without_a_role_and_strangers_stay_out(client, outsider, daytime):
    assert client.get("/desk/rotations/").status_code == 302
    client.force_login(outsider)
    assert client.get("/desk/rotations/").status_code == 403
    assert client.get(f"/desk/rotations/{daytime.pk}/").status_code == 403


def test_the_timeline_highlights_gaps_and_flags_time_off(client, agent, team, daytime, travel):
    TimeOff.objects.create(
        user=team["ben"], first_day=date(2026, 1, 13), last_day=date(2026, 1, 13)
    )
    client.force_login(agent)
    page = client.get(f"/desk/rotations/{daytime.pk}/?weeks=2")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'class="gap-row"' in text and "Gap: nobody on call" in text
    assert "conflict-row" in text and "time off" in text
    assert "Cover it" in text
    # Ana is on call now (13:00 Madrid on a Wednesday), until 17:00.
    assert re.search(
        r"On call now</h2>\s*<p><strong[^>]*>Ana</strong> until <time[^>]*>Wed 7 Jan 17:00", text
    )
    assert "Madrid daytime" in text


def test_an_override_is_added_in_the_rotations_local_time(client, agent, team, daytime, travel):
    client.force_login(agent)
    response = client.post(
        f"/desk/rotations/{daytime.pk}/overrides/",
        {"user": team["ben"].pk, "starts_at": "2026-01-07T18:00", "ends_at": "2026-01-08T09:00",
         "reason": "Ana at the dentist"},
    )  # fmt: skip
    assert response.status_code == 302
    override = Override.objects.get()
    assert override.starts_at == datetime(2026, 1, 7, 17, tzinfo=UTC)  # 18:00 Madrid
    assert override.created_by == agent
    page = client.get(f"/desk/rotations/{daytime.pk}/").content.decode()
    assert "Ana at the dentist" in page


def test_a_bad_override_is_refused_in_place(client, agent, team, daytime, travel):
    client.force_login(agent)
    response = client.post(
        f"/desk/rotations/{daytime.pk}/overrides/",
        {"user": team["ben"].pk, "starts_at": "2026-01-08T09:00", "ends_at": "2026-01-08T08:00"},
    )
    assert response.status_code == 422
    assert "must end after it starts" in response.content.decode()
    assert not Override.objects.exists()


def test_sales_read_but_cannot_add_overrides(client, sales, team, daytime, travel):
    client.force_login(sales)
    assert client.get(f"/desk/rotations/{daytime.pk}/").status_code == 200
    response = client.post(
        f"/desk/rotations/{daytime.pk}/overrides/",
        {"user": team["ben"].pk, "starts_at": "2026-01-07T18:00", "ends_at": "2026-01-08T09:00"},
    )
    assert response.status_code == 403


def test_an_override_is_removed_by_who_made_it(client, agent, team, daytime, travel):
    client.force_login(agent)
    client.post(
        f"/desk/rotations/{daytime.pk}/overrides/",
        {"user": team["ben"].pk, "starts_at": "2026-01-07T18:00", "ends_at": "2026-01-08T09:00"},
    )
    override = Override.objects.get()
    response = client.post(f"/desk/rotations/{daytime.pk}/overrides/{override.pk}/delete/")
    assert response.status_code == 302 and not Override.objects.exists()


def test_a_calendar_feed_is_shown_once_and_works(client, agent, daytime, travel):
    client.force_login(agent)
    response = client.post("/desk/rotations/feeds/", {"rotation": daytime.pk})
    assert response.status_code == 201
    url = re.search(r'value="(http://[^"]+\.ics)"', response.content.decode()).group(1)
    path = url.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    feed = client.get("/" + path)
    assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.content
    mine = client.post("/desk/rotations/feeds/", {})
    assert mine.status_code == 302  # logged out: to the log-in page


# Madrid changes clocks on 29 March 2026 (02:00 CET becomes 03:00 CEST) and on 25 October
# 2026 (03:00 CEST becomes 02:00 CET: 02:00-03:00 happens twice).


def add_override(client, rotation, user, starts_at: str, ends_at: str, **extra):
    data = {"user": user.pk, "starts_at": starts_at, "ends_at": ends_at, **extra}
    return client.post(f"/desk/rotations/{rotation.pk}/overrides/", data)


@pytest.mark.parametrize(
    "starts_at, ends_at, accepted",
    [
        # 92 days and 30 minutes on the wall clock, 91 days 23 h 30 min elapsed (spring).
        ("2026-01-08T12:00", "2026-04-10T12:30", True),
        # 91 days 23 h 30 min on the wall clock, 92 days 30 minutes elapsed (autumn).
        ("2026-08-01T12:00", "2026-11-01T11:30", False),
    ],
)
def test_the_override_length_limit_is_elapsed_time(
    client, agent, team, daytime, travel, starts_at, ends_at, accepted
):
    client.force_login(agent)
    response = add_override(client, daytime, team["ben"], starts_at, ends_at)
    assert response.status_code == (302 if accepted else 422)
    assert Override.objects.exists() == accepted
    if not accepted:
        assert "at most 92 days" in response.content.decode()


@pytest.mark.parametrize(
    "starts_at, offset, expected",
    [
        ("2026-03-29T02:30", "", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # gap: 03:30 CEST
        ("2026-10-25T02:30", "", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # first 02:30
        ("2026-10-25T02:30", "+01:00", datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # second
        ("2026-10-25T02:30", "+02:00", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ],
)
def test_local_times_across_dst_follow_the_calendars_rules(
    client, agent, team, daytime, travel, starts_at, offset, expected
):
    client.force_login(agent)
    ends_at = starts_at[:11] + "09:00"  # the same morning
    response = add_override(
        client, daytime, team["ben"], starts_at, ends_at, starts_at_offset=offset
    )
    assert response.status_code == 302, response.content.decode()
    assert Override.objects.get().starts_at == expected


def test_an_offset_the_zone_does_not_have_then_is_refused_in_words(
    client, agent, team, daytime, travel
):
    client.force_login(agent)
    page = client.get(f"/desk/rotations/{daytime.pk}/").content.decode()
    assert "UTC+01:00" in page and "UTC+02:00" in page  # the choices for a doubled time
    response = add_override(
        client, daytime, team["ben"], "2026-01-20T10:00", "2026-01-20T18:00",
        starts_at_offset="+02:00",
    )  # fmt: skip
    assert response.status_code == 422
    assert "Europe/Madrid is at UTC+01:00 then, not UTC+02:00" in response.content.decode()
    assert not Override.objects.exists()


def test_cover_it_names_the_second_occurrence_of_a_doubled_time(client, agent, daytime, travel):
    client.force_login(agent)
    second = "2026-10-25T01:30:00+00:00"  # 02:30 CET, the second 02:30 in Madrid
    page = client.get(
        f"/desk/rotations/{daytime.pk}/", {"start": second, "end": "2026-10-25T08:00:00+00:00"}
    ).content.decode()
    assert 'value="2026-10-25T02:30"' in page
    assert re.search(r'<option value="\+01:00" selected>', page)
