"""Hours per sprint on the project page, in the hours report (page, CSV, API), each sprint
against its share of the project's budget."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sunrelay.projects import services
from tests.projects.conftest import MONDAY
from tests.projects.test_api import api
from tests.projects.test_pages import browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def sprinted(people, project):
    services.set_project_budget(people["lucia"], project, 90)
    services.add_sprint(people["alba"], project, starts_on=MONDAY, weeks=2, goal="Warm the cache")
    services.add_sprint(
        people["alba"], project, starts_on=MONDAY + timedelta(weeks=2), weeks=1, goal="Tune it"
    )
    for day, minutes in ((1, 40), (15, 31), (21, 4)):
        services.log_time(
            people["alba"], day=MONDAY + timedelta(days=day), minutes=minutes, project=project
        )
    return project


def test_the_project_page_shows_each_sprints_hours_against_its_share(people, sprinted):
    page = browser(people["alba"]).get(f"/desk/projects/{sprinted.pk}/")
    text = page.content.decode()
    assert "40 min of 1 h" in text  # two of three weeks of a 90 min budget
    assert "31 min of 30 min" in text and "over by 1 min" in text
    assert "Not in a sprint" in text


def test_the_hours_report_groups_by_sprint_the_same_everywhere(people, sprinted):
    lucia = browser(people["lucia"])
    page = lucia.get("/desk/projects/hours/", {"by": "sprint", "month": "2025-03"})
    text = page.content.decode()
    assert "Hours in March 2025 by sprint" in text
    assert "Tile cache warm-up: sprint of 17 Mar 2025, 1 wk" in text
    assert "31 min of 30 min" in text
    csv = lucia.get("/desk/projects/hours.csv", {"by": "sprint", "month": "2025-03"})
    lines = csv.content.decode().splitlines()
    assert '"Tile cache warm-up: sprint of 3 Mar 2025, 2 wk",40,40 min,0,60,40,' in lines[1]
    assert lines[-1] == "sprint,,Total,75,1 h 15 min,0,,,"
    totals = api(people["lucia"]).get(
        "/api/v1/time-entries/totals", {"by": "sprint", "month": "2025-03"}
    )
    rows = {r["name"]: r for r in totals.json()["rows"]}
    assert totals.json()["total_minutes"] == 75 == sum(r["minutes"] for r in rows.values())
    second = rows["Tile cache warm-up: sprint of 17 Mar 2025, 1 wk"]
    assert (second["budget_minutes"], second["budget_used_minutes"], second["over_budget"]) == (
        30,
        31,
        True,
    )
    assert rows["Not in a sprint"]["minutes"] == 4
