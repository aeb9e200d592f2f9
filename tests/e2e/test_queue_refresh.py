"""An open queue refreshes on its own, and waits while the agent is busy with it."""

from __future__ import annotations

import pytest

from sunrelay.desk import services
from tests.e2e.conftest import SERVING
from tests.e2e.data import build_desk
from tests.e2e.test_queue_workspace import row_of
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db, settings):
    # The queue looks every second instead of every 20 (the page carries the setting).
    settings.QUEUE_REFRESH_SECONDS = 1
    return build_desk()


def new_ticket(desk, subject):
    requester = desk["tickets"][0].requester
    with SERVING.exclusive():  # the queue polls every second meanwhile
        return services.create_ticket(
            services.NewTicket(requester=requester, subject=subject, body="Hello"), actor=None
        ).ticket


def leave_the_queue_alone(page):
    """Pointer and focus away from the queue, so only what the test set up keeps it busy."""
    page.mouse.move(1, 1)
    page.evaluate("document.activeElement && document.activeElement.blur()")


def test_the_queue_refreshes_itself_unless_the_agent_has_tickets_ticked(page, desk):
    log_in(page, "alba")
    page.goto("/desk/queues/open/")
    ready(page)
    expect(page.locator("#queue-results")).to_have_attribute("data-refresh-seconds", "1")
    page.evaluate("window.stayedOnPage = true")
    leave_the_queue_alone(page)

    # Idle: a ticket opened meanwhile appears without a reload.
    arrived = new_ticket(desk, "Tiles blank after the storm")
    expect(row_of(page, arrived)).to_have_count(1)
    expect(page.locator("#queue-refresh")).to_have_count(0)

    # Busy: with a ticket ticked the rows stay as they are and a button offers the change.
    ticked = desk["tickets"][1]
    row_of(page, ticked).get_by_role("checkbox").check()
    leave_the_queue_alone(page)
    later = new_ticket(desk, "Geocoder returns the wrong county")
    refresh = page.get_by_role("button", name="1 change — refresh")
    expect(refresh).to_be_visible()
    expect(row_of(page, later)).to_have_count(0)
    expect(row_of(page, ticked).get_by_role("checkbox")).to_be_checked()
    expect(page.locator("[data-bulk-count]")).to_have_text("· 1 selected")

    # Asked, it draws the queue with the new ticket, and the ticked one is still ticked.
    refresh.click()
    expect(row_of(page, later)).to_have_count(1)
    expect(page.locator("#queue-refresh")).to_have_count(0)
    expect(row_of(page, ticked).get_by_role("checkbox")).to_be_checked()
    expect(page.locator("[data-bulk-count]")).to_have_text("· 1 selected")
    assert page.evaluate("window.stayedOnPage") is True
