"""Projects in a real browser: a support engineer logs "+15 min" and a timer's time on a ticket
from its time panel, then time on the project the ticket belongs to, and sees the project go
over its budget; the lead finds the hours in the month's report, exact to the minute."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sunrelay.projects import rollup, services
from sunrelay.projects.models import TimeEntry
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(transactional_db):
    alba = make_staff("alba", roles=["support"], time_zone="Europe/Madrid", first_name="Alba")
    lucia = make_staff("lucia", roles=["lead"], time_zone="Europe/Madrid", first_name="Lucía")
    account = make_account("Ownco Maps", tier="enterprise")
    ticket = make_ticket(make_contact("Olivia", "olivia@ownco.test", account=account))
    found = services.create_project(
        lucia, owner=alba, accounts=[account], tickets=[ticket], name="Tile cache warm-up",
        objectives="Tiles within 200 ms after a deploy.", impact=1,
    )  # fmt: skip
    services.set_project_budget(lucia, found, 60)
    return found


def test_time_goes_from_the_ticket_and_the_project_into_the_report(page, project):
    ticket = project.tickets.get()
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    panel = page.locator("#time-panel")
    panel.get_by_role("button", name="+15 min").click()
    expect(page.locator("#time-total")).to_contain_text("15 min logged on this ticket")
    page.locator("#time-panel").get_by_role("button", name="Start a timer").click()
    expect(page.locator("#timer-state")).to_contain_text("running since")
    page.locator("#time-panel").get_by_role("button", name="Stop the timer").click()
    expect(page.locator("#time-total")).to_contain_text("16 min logged on this ticket")

    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="Tile cache warm-up").click()
    page.get_by_label("Minutes").fill("50")
    page.get_by_label("Note").fill("Warm-up script")
    page.get_by_role("button", name="Log time").click()
    expect(page.locator("#spent")).to_have_text("50 min")
    page.get_by_label("Minutes").fill("25")
    page.get_by_role("button", name="Log time").click()
    expect(page.locator("#spent")).to_have_text("1 h 15 min")
    expect(page.locator(".flash")).to_contain_text(
        "Project Tile cache warm-up is over budget: 1 h 15 min of 1 h, 15 min over."
    )
    page.screenshot(path=str(SCREENSHOTS / "projects-over-budget.png"))

    log_out(page)
    log_in(page, "lucia")
    page.goto("/desk/projects/hours/?by=project")
    total = rollup.total(TimeEntry.objects.filter(day__month=timezone.localdate().month))
    assert total == 91
    expect(page.locator("#hours-total")).to_contain_text("1 h 31 min logged")
    expect(page.locator("table.hours")).to_contain_text("over by 15 min")

    # Time on the ticket can go to the project the ticket is linked to.
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    panel = page.locator("#time-panel")
    panel.locator("summary", has_text="Log other time").click()
    panel.get_by_label("Minutes").fill("5")
    panel.get_by_label("Project").select_option(label="Tile cache warm-up")
    panel.get_by_role("button", name="Log time").click()
    expect(page.locator("#time-total")).to_contain_text("21 min logged on this ticket")
    expect(page.locator("#time-panel .time-entries")).to_contain_text("Tile cache warm-up")
    assert TimeEntry.objects.filter(ticket=ticket, project=project).count() == 1
