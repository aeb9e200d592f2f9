"""SLAs and follow-the-sun in a real browser: the queue's SLA column, the ticket's SLA panel
with "why it sits here", a hand-off note, and the coverage map."""

from __future__ import annotations

import re

import pytest

from sunrelay.schedule.models import HandoffNote
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def test_the_queue_and_the_ticket_show_slas_and_why_a_ticket_sits_where_it_sits(page, desk):
    main = desk["main"]  # urgent, Enterprise, strategic, opened 3 h ago: 1 h of 4 left
    routing = desk["tickets"][1]  # Partner, opened 9 h ago: first reply 5 h late
    log_in(page, "alba")
    page.goto("/desk/queues/open/")
    ready(page)
    expect(page.locator("#queue-results .queue-head")).to_contain_text("most urgent first")
    header = page.locator("th.col-urgency")
    expect(header).to_have_text(re.compile(r"SLA"))
    expect(header).to_have_attribute("aria-sort", "ascending")

    cell = page.locator(f'tr[data-href="/desk/tickets/{main.pk}/"] td.col-urgency .sla')
    expect(cell).to_have_text(re.compile(r"^(59 min|1 h) left$"))
    expect(cell).to_have_class(re.compile(r"\bsla-warning\b"))  # 75 % of the time gone
    expect(cell).to_have_attribute("title", re.compile(r"^First reply due .* CES?T "))
    late = page.locator(f'tr[data-href="/desk/tickets/{routing.pk}/"] td.col-urgency .sla')
    expect(late).to_have_text(re.compile(r"^breached 5 h( \d+ min)? ago$"))
    expect(late).to_have_class(re.compile(r"\bsla-breached\b"))

    page.locator(f'tr[data-href="/desk/tickets/{main.pk}/"] .col-subject a').click()
    expect(page.locator("h1")).to_have_text(main.subject)
    ready(page)
    panel = page.locator(".sla-panel")
    expect(panel).to_contain_text("Enterprise and Partner")
    first = panel.locator('[data-metric="first_reply"]')
    expect(first).to_contain_text("First reply")
    expect(first).to_contain_text("4 h calendar time")
    expect(first.locator(".sla")).to_have_text("warning")
    expect(panel.locator('[data-metric="resolution"]')).to_contain_text("3 d calendar time")
    why = panel.locator(".why")
    expect(why).to_contain_text("first reply due")
    expect(why).to_contain_text("priority urgent: 8 h earlier")
    expect(why).to_contain_text("Enterprise tier: 2 h earlier")
    expect(why).to_contain_text("strategic account: 2 h earlier")
    expect(why).to_contain_text("MRR $16,000: 1 h 6 min earlier")

    # A hand-off note for the next region, saved in place.
    page.evaluate("window.stayedOnPage = true")
    page.locator("#handoff-text").fill("Font stack missing at zoom 14; Carla prefers e-mail.")
    page.get_by_role("button", name="Save hand-off note").click()
    expect(page.locator(".handoff-pending")).to_contain_text("Font stack missing")
    expect(page.get_by_role("button", name="Replace the note")).to_be_visible()
    assert page.evaluate("window.stayedOnPage") is True
    assert HandoffNote.objects.get(ticket=main).author.username == "alba"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".sla-panel").screenshot(path=str(SCREENSHOTS / "sla-panel.png"))


def test_the_follow_the_sun_pages_open_from_the_desk_navigation(page, desk):
    log_in(page, "alba")
    page.get_by_role("link", name="Shifts", exact=True).click()
    expect(page.locator("h1")).to_have_text("On shift now")
    page.locator(".sub-nav").get_by_role("link", name="Coverage").click()
    expect(page.locator("h1")).to_have_text("Coverage")
    expect(page.locator("table.coverage-grid tbody td[class^=cov-]")).to_have_count(168)
    page.locator(".sub-nav").get_by_role("link", name="Hand-offs").click()
    expect(page.locator("h1")).to_have_text("Hand-offs")
    page.locator(".sub-nav").get_by_role("link", name="Time off").click()
    expect(page.locator("h1")).to_have_text("Time off")
    expect(page.get_by_role("button", name="Log time off")).to_be_visible()
