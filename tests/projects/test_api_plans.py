"""The lead's side of /projects in the API: editing a project (PATCH), the week's order,
budgets per project and per account, and the support sign-off."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.projects import services
from sunrelay.projects.models import AccountBudget, WeekRank
from tests.factories import make_contact, make_ticket
from tests.projects.conftest import MONDAY
from tests.projects.test_api import JSON, api

pytestmark = pytest.mark.django_db


def test_patch_changes_the_fields_given_and_replaces_the_links_given(people, project, otherco):
    other_ticket = make_ticket(make_contact("Oscar", "oscar@otherco.test", account=otherco))
    changed = api(people["alba"]).patch(
        f"/api/v1/projects/{project.pk}",
        {
            "status": "active",
            "review_notes": "Cache warm in staging.",
            "maintainer_id": people["alba"].pk,
            "account_ids": [otherco.pk],
            "ticket_ids": [other_ticket.pk],
        },
        content_type=JSON,
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["status"], body["review_notes"]) == ("active", "Cache warm in staging.")
    assert body["maintainer"]["username"] == "alba"
    assert [a["name"] for a in body["accounts"]] == ["Otherco"]
    assert [t["id"] for t in body["tickets"]] == [other_ticket.pk]
    # Left out, left alone.
    assert (body["name"], body["impact"]) == ("Tile cache warm-up", 3)
    assert [u["username"] for u in body["leads"]] == ["alba"]


def test_patch_refuses_in_words_and_changes_nothing(people, project):
    alba = api(people["alba"])
    refused = alba.patch(
        f"/api/v1/projects/{project.pk}",
        {"name": "Renamed", "owner_id": people["sam"].pk},
        content_type=JSON,
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["msg"] == "Nobody who works tickets has this id."
    blank = alba.patch(f"/api/v1/projects/{project.pk}", {"objectives": " "}, content_type=JSON)
    assert blank.status_code == 422
    assert "objectives" in blank.json()["detail"][0]["msg"]
    project.refresh_from_db()
    assert (project.name, project.owner) == ("Tile cache warm-up", people["carla"])
    sales = api(people["sam"]).patch(
        f"/api/v1/projects/{project.pk}", {"name": "Mine"}, content_type=JSON
    )
    assert sales.status_code == 403


def test_the_lead_orders_the_week_and_every_week_keeps_its_order(people, project):
    second = services.create_project(
        people["lucia"], owner=people["alba"], name="Webhook retries", objectives="No loss.",
        impact=2,
    )  # fmt: skip
    lucia = api(people["lucia"])
    put = lucia.put(
        "/api/v1/projects/week-order",
        {"week": "2025-03-05", "project_ids": [project.pk, second.pk]},
        content_type=JSON,
    )
    assert put.status_code == 200, put.content
    assert put.json()["week"] == MONDAY.isoformat()
    lucia.put(
        "/api/v1/projects/week-order",
        {"week": "2025-03-10", "project_ids": [second.pk]},
        content_type=JSON,
    )
    first_week = lucia.get("/api/v1/projects/week-order", {"week": "2025-03-03"}).json()
    assert [(i["position"], i["project"]["name"]) for i in first_week["items"]] == [
        (1, "Tile cache warm-up"),
        (2, "Webhook retries"),
    ]
    later = lucia.get("/api/v1/projects/week-order", {"week": "2025-03-24"}).json()
    assert later["ordered_in"] == "2025-03-10"
    assert [(i["position"], i["project"]["name"]) for i in later["items"]] == [
        (1, "Webhook retries"),
        (None, "Tile cache warm-up"),
    ]
    assert later["items"][1]["linked_mrr"] in ("9000.00", "9000", 9000)
    twice = lucia.put(
        "/api/v1/projects/week-order",
        {"week": "2025-03-05", "project_ids": [second.pk, second.pk]},
        content_type=JSON,
    )
    assert twice.status_code == 422
    assert twice.json()["detail"][0]["msg"] == "Name each project once."
    assert WeekRank.objects.filter(week=MONDAY).count() == 2
    refused = api(people["alba"]).put(
        "/api/v1/projects/week-order", {"week": "2025-03-05", "project_ids": []}, content_type=JSON
    )
    assert refused.status_code == 403


def test_the_week_order_reads_in_a_fixed_number_of_queries(people, project):
    lucia = api(people["lucia"])
    lucia.get("/api/v1/projects/week-order")  # the token's first use writes its last-used time
    with CaptureQueriesContext(connection) as one:
        lucia.get("/api/v1/projects/week-order")
    for n in range(4):
        services.create_project(
            people["lucia"], owner=people["alba"], requester=people["sam"],
            accounts=[project.accounts.get()], name=f"P{n}", objectives="x", impact=4,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as five:
        assert len(lucia.get("/api/v1/projects/week-order").json()["items"]) == 5
    assert len(five) == len(one)


def test_budgets_per_project_and_per_account_are_the_leads(people, project, ownco):
    lucia, alba = api(people["lucia"]), api(people["alba"])
    url = f"/api/v1/projects/{project.pk}/budget"
    assert alba.put(url, {"minutes": 600}, content_type=JSON).status_code == 403
    set_ = lucia.put(url, {"minutes": 600}, content_type=JSON)
    assert set_.json()["budget_minutes"] == 600
    services.log_time(people["alba"], day=date(2025, 3, 5), minutes=540, project=project)
    assert lucia.get(f"/api/v1/projects/{project.pk}").json()["warning"] == (
        "Project Tile cache warm-up has used 90 % of its budget: 9 h of 10 h."
    )
    assert lucia.put(url, {"minutes": None}, content_type=JSON).json()["budget_minutes"] is None
    negative = lucia.put(url, {"minutes": -1}, content_type=JSON)
    assert negative.status_code == 422

    budget_url = f"/api/v1/account-budgets/{ownco.pk}"
    assert alba.put(budget_url, {"monthly_minutes": 750}, content_type=JSON).status_code == 403
    made = lucia.put(budget_url, {"monthly_minutes": 750}, content_type=JSON)
    assert made.status_code == 200, made.content
    assert (made.json()["monthly"], made.json()["account"]["name"]) == ("12 h 30 min", "Ownco Maps")
    listed = alba.get("/api/v1/account-budgets").json()
    assert [(b["account"]["id"], b["monthly_minutes"]) for b in listed] == [(ownco.pk, 750)]
    assert api(people["sam"]).get("/api/v1/account-budgets").status_code == 403
    removed = lucia.put(budget_url, {"monthly_minutes": None}, content_type=JSON)
    assert removed.status_code == 204
    assert not AccountBudget.objects.exists()
    assert lucia.put("/api/v1/account-budgets/99999", {"monthly_minutes": 1}, content_type=JSON)\
        .status_code == 404  # fmt: skip


def test_the_lead_signs_off_a_support_plan_with_its_maintainer(people, project):
    lucia = api(people["lucia"])
    url = f"/api/v1/projects/{project.pk}/sign-off"
    early = lucia.post(url)
    assert early.status_code == 422
    assert early.json()["detail"][0]["msg"] == (
        "Write the support plan and name its maintainer before signing off."
    )
    api(people["carla"]).patch(
        f"/api/v1/projects/{project.pk}",
        {"support_plan": "Alba keeps the warm-up job.", "maintainer_id": people["alba"].pk},
        content_type=JSON,
    )
    assert api(people["alba"]).post(url).status_code == 403
    signed = lucia.post(url)
    assert signed.status_code == 200, signed.content
    assert signed.json()["support_signed_off_by"]["username"] == "lucia"
    assert signed.json()["support_signed_off_at"] is not None
