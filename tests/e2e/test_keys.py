"""The keyboard: status, priority, assign and solve on the ticket page, never while typing;
the command palette (Ctrl+K) finds tickets, queues, people and pages and opens them."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk.models import Status
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_accessibility import desk  # noqa: F401
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_status_priority_assign_and_solve_from_the_keyboard(page, desk):  # noqa: F811
    ticket = desk["tickets"][3]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    properties = page.locator("#properties-form")

    # Typing in a field never fires a key.
    reply = page.locator("#reply-body")
    reply.click()
    page.keyboard.type("sxyg")
    expect(reply).to_have_value("sxyg")
    expect(reply).to_be_focused()
    expect(properties.locator("select[name=status]")).to_have_value("new")
    reply.fill("")
    reply.press("Escape")

    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_contain_text("Change the priority")
    page.keyboard.press("Escape")

    page.keyboard.press("y")
    priority = properties.locator("select[name=priority]")
    expect(priority).to_be_focused()
    priority.select_option("high")
    page.keyboard.press("Escape")
    page.keyboard.press("g")
    assignee = properties.locator("select[name=assignee]")
    expect(assignee).to_be_focused()
    assignee.select_option(label="Keisha Thompson")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".ticket-head .priority")).to_have_text("High")
    ticket.refresh_from_db()
    assert ticket.priority == "high" and ticket.assignee == desk["people"]["keisha"]

    page.locator("h1").click()
    page.keyboard.press("s")
    expect(properties.locator("select[name=status]")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("x")
    cause = properties.locator("select[name=cause]")
    expect(cause).to_be_focused()
    expect(properties.locator("select[name=status]")).to_have_value("solved")
    cause.select_option(index=1)
    page.keyboard.press("Control+Enter")
    expect(page.locator(".ticket-head .status")).to_have_text("Solved")
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED and ticket.cause


def test_the_command_palette_finds_and_opens_with_the_keyboard_only(page, desk):  # noqa: F811
    main = desk["main"]
    log_in(page, "alba")
    ready(page)
    palette = page.get_by_role("combobox", name=re.compile("Go to"))
    found = page.get_by_role("listbox", name="Found")

    page.keyboard.press("Control+k")
    expect(palette).to_be_focused()
    expect(found.get_by_role("option", name=re.compile("New ticket"))).to_be_visible()
    page.keyboard.type("shapefile")
    option = found.get_by_role("option", name=re.compile("How do I import a shapefile"))
    expect(option).to_have_attribute("aria-selected", "true")
    page.screenshot(path=str(SCREENSHOTS / "palette.png"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{desk['tickets'][3].pk}/$"))

    # By number, from a ticket page; then a queue, a person and a page with the arrow keys.
    ready(page)
    page.keyboard.press("Control+k")
    page.keyboard.type(f"#{main.pk}")
    expect(found.get_by_role("option").first).to_contain_text(main.subject)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{main.pk}/$"))

    ready(page)
    page.keyboard.press("Control+k")
    page.keyboard.type("keisha")
    expect(found.get_by_role("option", name=re.compile("Keisha Thompson"))).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"assignee={desk['people']['keisha'].pk}"))
    expect(page.locator("#queue-results tbody tr")).to_have_count(2)

    ready(page)
    page.keyboard.press("Control+k")
    page.keyboard.type("a")
    expect(found.get_by_role("option").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#palette")).to_be_hidden()
    page.keyboard.press("Control+k")
    page.keyboard.type("review")
    expect(found.get_by_role("option", name=re.compile("Weekly review"))).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/desk/reports/weekly/"))
