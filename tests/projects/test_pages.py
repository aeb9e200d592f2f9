"""The projects pages: the ticket's time panel (+15 min, the timer), the weekly board's order
kept per week, the hours CSV exact to the minute, and what sales may not do."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from sunrelay.projects import services
from sunrelay.projects.models import RunningTimer, TimeEntry, WeekRank
from tests.projects.conftest import MONDAY

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_ticket_panel_logs_a_quarter_hour_and_a_timer(people, ticket):
    alba = browser(people["alba"])
    quick = alba.post(f"/desk/tickets/{ticket.pk}/time/quick/", headers={"HX-Request": "true"})
    assert b"<strong>15 min</strong> logged on this ticket" in quick.content
    with time_machine.travel(timezone.now(), tick=False) as clock:
        alba.post(f"/desk/tickets/{ticket.pk}/time/timer/")
        clock.shift(timedelta(minutes=7, seconds=10))
        stopped = alba.post(f"/desk/tickets/{ticket.pk}/time/timer/", {"action": "stop"})
    assert stopped.status_code == 302
    assert sorted(TimeEntry.objects.values_list("minutes", flat=True)) == [8, 15]
    assert not RunningTimer.objects.exists()
    assert TimeEntry.objects.filter(account=ticket.account).count() == 2


def test_sales_may_read_the_panel_but_not_log(people, ticket):
    sam = browser(people["sam"])
    assert sam.get(f"/desk/tickets/{ticket.pk}/time/").status_code == 200
    assert sam.post(f"/desk/tickets/{ticket.pk}/time/quick/").status_code == 403
    assert not TimeEntry.objects.exists()


def test_the_lead_orders_each_week_and_earlier_weeks_keep_theirs(people, project, ownco):
    second = services.create_project(
        people["alba"], owner=people["alba"], name="Macros", objectives="Fewer.", impact=4
    )
    lucia = browser(people["lucia"])
    lucia.post(
        "/desk/projects/board/",
        {"week": MONDAY.isoformat(), f"position-{second.pk}": "1", f"position-{project.pk}": "2"},
    )
    later = MONDAY + timedelta(weeks=1)
    shown = lucia.get("/desk/projects/board/", {"week": later.isoformat()})
    assert b"the order of the week of 3 Mar 2025" in shown.content
    lucia.post("/desk/projects/board/", {"week": later.isoformat(), f"position-{project.pk}": "1"})
    order = list(WeekRank.objects.values_list("week", "project__name", "position"))
    assert order == [
        (MONDAY, "Macros", 1),
        (MONDAY, "Tile cache warm-up", 2),
        (later, "Tile cache warm-up", 1),
    ]
    assert (
        browser(people["alba"])
        .post("/desk/projects/board/", {"week": MONDAY.isoformat()})
        .status_code
        == 403
    )


def test_the_hours_csv_is_exact_to_the_minute(people, project, django_assert_max_num_queries):
    for minutes in (61, 59, 1):
        services.log_time(people["alba"], day=MONDAY, minutes=minutes, project=project)
    lucia = browser(people["lucia"])
    with django_assert_max_num_queries(12):
        csv = lucia.get("/desk/projects/hours.csv", {"by": "project", "month": "2025-03"})
    lines = csv.content.decode().splitlines()
    assert lines[1].split(",")[2:5] == ["Tile cache warm-up", "121", "2 h 1 min"]
    assert lines[-1].split(",")[2:5] == ["Total", "121", "2 h 1 min"]


def test_a_project_without_a_name_is_refused_in_words(people):
    carla = browser(people["carla"])
    answer = carla.post(
        "/desk/projects/new/",
        {
            "objectives": "x",
            "impact": "3",
            "effort": "small",
            "owner": people["carla"].pk,
            "status": "proposed",
        },
    )
    assert answer.status_code == 422
    assert b"This field is required." in answer.content
