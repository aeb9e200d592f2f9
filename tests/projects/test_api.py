"""/projects and /time-entries: opening a project, logging time with budget warnings, the
month's totals exact to the minute, and what sales see."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from sunrelay.api.tokens import create_token
from sunrelay.feedback.services import create_theme
from sunrelay.projects import services
from sunrelay.projects.models import Project

pytestmark = pytest.mark.django_db
JSON = "application/json"


def api(user) -> Client:
    token = create_token(user, "test")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_customer_engineer_opens_a_project_and_logs_time_on_it(people, ownco, ticket):
    carla = api(people["carla"])
    theme = create_theme(people["alba"], name="Offline maps")
    made = carla.post(
        "/api/v1/projects",
        {
            "name": "Routing SDK samples",
            "objectives": "Three samples customers can copy.",
            "impact": 2,
            "account_ids": [ownco.pk],
            "ticket_ids": [ticket.pk],
            "lead_ids": [people["alba"].pk],
            "theme_ids": [theme.pk],
        },
        content_type=JSON,
    )
    assert made.status_code == 201, made.content
    project = made.json()
    assert project["themes"] == [{"id": theme.pk, "name": "Offline maps"}]
    assert (project["owner"]["username"], project["accounts"][0]["name"]) == ("carla", "Ownco Maps")
    services.set_project_budget(people["lucia"], Project.objects.get(), 60)
    logged = carla.post(
        "/api/v1/time-entries",
        {"day": "2025-03-04", "minutes": 75, "project_id": project["id"], "billable": True},
        content_type=JSON,
    )
    assert logged.status_code == 201, logged.content
    body = logged.json()
    assert (body["minutes"], body["hours"]) == (75, "1 h 15 min")
    assert body["warnings"] == [
        "Project Routing SDK samples is over budget: 1 h 15 min of 1 h, 15 min over."
    ]
    shown = carla.get(f"/api/v1/projects/{project['id']}").json()
    assert (shown["spent_minutes"], shown["budget_minutes"]) == (75, 60)


def test_the_totals_add_up_to_the_minute(people, project, otherco, ticket):
    for minutes, target in (
        (61, {"project": project}),
        (7, {"account": otherco}),
        (15, {"ticket": ticket}),
    ):
        services.log_time(people["alba"], day=date(2025, 3, 5), minutes=minutes, **target)
    services.log_time(people["carla"], day=date(2025, 2, 5), minutes=30, project=project)
    lucia = api(people["lucia"])
    for by in ("person", "project", "account", "week"):
        totals = lucia.get("/api/v1/time-entries/totals", {"by": by, "month": "2025-03"}).json()
        assert totals["total_minutes"] == 83 == sum(r["minutes"] for r in totals["rows"])
        assert (totals["total"], totals["previous_month_minutes"]) == ("1 h 23 min", 30)
    listed = lucia.get("/api/v1/time-entries", {"since": "2025-03-01"}).json()
    assert (listed["count"], listed["total_minutes"]) == (3, 83)


def test_sales_see_only_their_accounts_projects_and_time(people, project, otherco, ticket):
    services.log_time(people["alba"], day=date(2025, 3, 5), minutes=20, ticket=ticket)
    other, _ = services.log_time(people["alba"], day=date(2025, 3, 5), minutes=9, account=otherco)
    sam = api(people["sam"])
    assert [p["name"] for p in sam.get("/api/v1/projects").json()["items"]] == [
        "Tile cache warm-up"
    ]
    assert sam.get("/api/v1/time-entries").json()["total_minutes"] == 20
    assert sam.get(f"/api/v1/time-entries/{other.pk}").status_code == 404
    refused = sam.post(
        "/api/v1/time-entries",
        {"day": "2025-03-05", "minutes": 5, "ticket_id": ticket.pk},
        content_type=JSON,
    )
    assert refused.status_code == 403


def test_people_log_their_own_time_and_leads_anyones(people, project):
    alba = api(people["alba"])
    for_carla = {
        "day": "2025-03-05",
        "minutes": 5,
        "project_id": project.pk,
        "person_id": people["carla"].pk,
    }
    refused = alba.post("/api/v1/time-entries", for_carla, content_type=JSON)
    assert refused.status_code == 403
    assert "only a lead logs it for someone else" in refused.json()["detail"]
    made = api(people["lucia"]).post("/api/v1/time-entries", for_carla, content_type=JSON)
    assert made.status_code == 201
    assert made.json()["person"]["username"] == "carla"
    nothing = alba.post(
        "/api/v1/time-entries", {"day": "2025-03-05", "minutes": 5}, content_type=JSON
    )
    assert nothing.status_code == 422
    assert (
        nothing.json()["detail"][0]["msg"]
        == "Say what the time was for: a project, a ticket or an account."
    )
