"""Typed links and chat channels in a real browser: the lead sets up a team's Sentry pattern
and the desk's urgent chat channel from the More menu; the agent links the ticket's Sentry
item by its id from the ticket page and sees it with its kind."""

from __future__ import annotations

import pytest

from sunrelay.integrations.models import TicketLink, Webhook
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SENTRY = "https://sentry.example.test/issues/{id}"


@pytest.fixture
def linked_ticket(transactional_db):
    make_staff("lena", roles=["lead"], first_name="Lena")
    make_staff("alba", roles=["support"], time_zone="Europe/Madrid", first_name="Alba")
    account = make_account("Ownco Maps", tier="enterprise", mrr=24000)
    ana = make_contact("Ana", "ana@ownco.test", account=account)
    return make_ticket(ana, subject="Tiles blank at zoom 14")


def test_the_lead_sets_up_and_the_agent_links_a_sentry_item(page, linked_ticket):
    ticket = linked_ticket
    log_in(page, "lena")
    page.goto("/desk/")
    ready(page)
    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Link patterns").click()
    form = page.get_by_role("form", name="Add a link pattern")
    form.get_by_label("Name").fill("Sentry")
    form.get_by_label("Kind").select_option(label="Error-tracker item")
    form.get_by_label("Pattern").fill(SENTRY)
    form.get_by_role("button", name="Add pattern").click()
    expect(page.get_by_role("table", name="Link patterns")).to_contain_text(SENTRY)

    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Chat channels").click()
    form = page.get_by_role("form", name="Add a chat channel")
    form.get_by_label("Name").fill("#support-urgent")
    form.get_by_label("Webhook URL").fill("https://chat.example.test/hooks/urgent")
    form.get_by_label("Urgent ticket").check()
    form.get_by_label("Enterprise").check()
    form.get_by_role("button", name="Add chat channel").click()
    expect(page.get_by_text("Chat channel #support-urgent added.")).to_be_visible()
    assert Webhook.objects.get(name="#support-urgent").tiers == ["enterprise"]
    log_out(page)

    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    panel = page.locator("#links-panel")
    expect(panel).to_contain_text("No log search")
    panel.get_by_label("Pattern").select_option(label="Sentry (Error-tracker item)")
    panel.get_by_label("Id").fill("4711")
    panel.get_by_role("button", name="Add link").click()
    expect(page.get_by_text("Error-tracker item linked.")).to_be_visible()
    link = page.locator("#links-panel").get_by_role("link", name="4711")
    expect(link).to_have_attribute("href", "https://sentry.example.test/issues/4711")
    expect(page.locator("#links-panel")).to_contain_text("Error-tracker item")
    page.screenshot(path=str(SCREENSHOTS / "integrations-typed-link.png"))
    assert TicketLink.objects.get().label == "4711"
