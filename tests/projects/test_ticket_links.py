"""A ticket's time may go to a project it is linked to (chosen on the ticket's time panel),
and tickets are linked to a project from the project form."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sunrelay.projects import services
from sunrelay.projects.models import TimeEntry
from tests.factories import make_contact, make_ticket
from tests.projects.test_api import JSON, api
from tests.projects.test_pages import browser

pytestmark = pytest.mark.django_db


def test_the_time_panel_offers_the_tickets_projects_and_logs_to_the_one_chosen(
    people, project, ticket
):
    alba = browser(people["alba"])
    panel = alba.get(f"/desk/tickets/{ticket.pk}/time/", headers={"HX-Request": "true"})
    assert f'<option value="{project.pk}">Tile cache warm-up</option>' in panel.content.decode()
    logged = alba.post(
        f"/desk/tickets/{ticket.pk}/time/log/",
        {"day": "2025-03-05", "minutes": "25", "project": str(project.pk)},
        headers={"HX-Request": "true"},
    )
    assert logged.status_code == 200, logged.content
    entry = TimeEntry.objects.get()
    assert (entry.ticket, entry.project, entry.account) == (ticket, project, ticket.account)
    assert "Tile cache warm-up" in logged.content.decode()
    plain = alba.post(f"/desk/tickets/{ticket.pk}/time/log/", {"day": "2025-03-05", "minutes": "5"})
    assert plain.status_code == 302
    assert TimeEntry.objects.filter(project__isnull=True, ticket=ticket).count() == 1


def test_a_project_the_ticket_is_not_linked_to_is_refused(people, project, otherco):
    other = make_ticket(make_contact("Oscar", "oscar@otherco.test", account=otherco))
    refused = browser(people["alba"]).post(
        f"/desk/tickets/{other.pk}/time/log/",
        {"day": "2025-03-05", "minutes": "25", "project": str(project.pk)},
    )
    assert refused.status_code == 422
    assert "Choose a project this ticket is linked to." in refused.content.decode()
    with pytest.raises(ValidationError) as caught:
        services.log_time(
            people["alba"], day=date(2025, 3, 5), minutes=5, ticket=other, project=project
        )
    assert caught.value.message_dict["project"] == [
        f"Ticket #{other.pk} is not linked to Tile cache warm-up: link it on the project first."
    ]
    by_api = api(people["alba"]).post(
        "/api/v1/time-entries",
        {"day": "2025-03-05", "minutes": 5, "ticket_id": other.pk, "project_id": project.pk},
        content_type=JSON,
    )
    assert by_api.status_code == 422
    assert not TimeEntry.objects.exists()


def test_the_project_form_links_tickets_by_number(people, project, ticket, otherco):
    other = make_ticket(make_contact("Oscar", "oscar@otherco.test", account=otherco))
    carla = browser(people["carla"])
    form = carla.get(f"/desk/projects/{project.pk}/edit/")
    assert f'value="{ticket.pk}"' in form.content.decode()
    fields = {
        "name": project.name, "objectives": project.objectives, "impact": "3",
        "effort": "medium", "owner": str(people["carla"].pk), "status": "active",
    }  # fmt: skip
    saved = carla.post(
        f"/desk/projects/{project.pk}/edit/", {**fields, "tickets": f"#{ticket.pk}, {other.pk}"}
    )
    assert saved.status_code == 302
    assert set(project.tickets.all()) == {ticket, other}
    wrong = carla.post(f"/desk/projects/{project.pk}/edit/", {**fields, "tickets": "12x 99999"})
    assert wrong.status_code == 422
    assert "Not ticket numbers: 12x." in wrong.content.decode()
    missing = carla.post(f"/desk/projects/{project.pk}/edit/", {**fields, "tickets": "99999"})
    assert "No such tickets that you may see: #99999." in missing.content.decode()
    assert set(project.tickets.all()) == {ticket, other}
