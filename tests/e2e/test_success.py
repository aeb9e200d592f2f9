"""Customer engineering in a real browser: the CE gives support context from a ticket and
files a request to the head of support; the lead finds it in the queue and accepts it with an
answer; the CE is told by e-mail; the account teams page shows the CE's load."""

from __future__ import annotations

import pytest

from sunrelay.mail.models import Outbox
from sunrelay.success.models import SupportRequest
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    data = build_desk()
    make_staff("lucia", roles=["support", "lead"], time_zone="Europe/Madrid")
    return data


def test_context_and_a_request_go_from_the_engineer_to_support(page, pages, desk):
    ticket = desk["main"]
    log_in(page, "priya")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    panel = page.locator("#context-panel")
    expect(panel).to_contain_text("No context from customer engineering.")
    panel.get_by_role("link", name="Add context").click()
    page.get_by_label("Link to issue").fill("https://chat.example.test/acme/p42")
    page.get_by_label("Background information or anything that would help").fill(
        "Their field teams live at zoom 14; the renewal talk starts next month."
    )
    page.get_by_role("button", name="Save the context").click()
    expect(page.locator("#context-panel")).to_contain_text("field teams live at zoom 14")

    page.locator("#context-panel").get_by_role(
        "link", name="Request to the head of support"
    ).click()
    # Started from the ticket: the link to the issue is the ticket already.
    expect(page.get_by_label("Link to issue")).to_have_value(f"#{ticket.pk}")
    page.get_by_label("What's the ask").fill("Give the zoom 14 bug to the Response Team.")
    page.get_by_label("Why are we making this ask").fill("Their renewal is next month.")
    page.get_by_label("What happens if we don't take this action").fill("They may churn.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#request-status")).to_have_text("New")

    lead = pages.open()
    log_in(lead, "lucia")
    lead.goto("/desk/")
    lead.get_by_role("link", name="Customers").click()
    expect(lead.locator("#capacity")).to_contain_text("Priya")
    lead.get_by_role("link", name="Support requests").first.click()
    lead.locator("#requests").get_by_role("link", name="Give the zoom 14 bug").click()
    lead.get_by_label("Status").select_option("accepted")
    lead.get_by_label("Answer").fill("Taken for this sprint.")
    lead.get_by_role("button", name="Save the answer").click()
    expect(lead.locator("#request-status")).to_have_text("Accepted")
    expect(lead.locator("#request-answer")).to_contain_text("Taken for this sprint.")

    row = SupportRequest.objects.get()
    assert (row.ticket, row.account, row.requester.username) == (
        ticket,
        ticket.account,
        "priya",
    )
    told = Outbox.objects.get(to=["priya@sunrelay.test"])
    assert "accepted" in told.subject and "Taken for this sprint." in told.body_text
