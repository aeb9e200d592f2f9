"""Closing the loop in a real browser: GitHub delivers a signed "issue closed"; the agent sees the ticket's bug fixed, opens the bug from the More menu (its accounts
and MRR), edits the drafted notice and sends it to the requester."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.test import Client

from sunrelay.desk.services import update_ticket
from sunrelay.mail.models import Outbox, OutboxKind
from tests.e2e.conftest import SCREENSHOTS, SERVING
from tests.e2e.test_workspace import expect, log_in, ready
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ISSUE = "https://github.com/sunrelay-maps/tiles/issues/412"
SECRET = "e2e-github-secret"


@pytest.fixture
def linked(transactional_db, settings):
    settings.GITHUB_WEBHOOK_SECRET = SECRET
    settings.BUG_NOTICE_AUTO_SEND = False
    alba = make_staff("alba", roles=["support"], time_zone="Europe/Madrid", first_name="Alba")
    account = make_account("Ownco Maps", tier="enterprise", mrr=24000)
    ana = make_contact("Ana", "ana@ownco.test", account=account)
    ticket = make_ticket(ana, subject="Tiles blank at zoom 14")
    update_ticket(ticket, alba, bug_url=ISSUE)
    return ticket


def deliver_closed() -> dict:
    """What GitHub sends, signed, handed to the desk by the test's own client: the test writes
    alone (the in-memory database is one connection shared with the live server's threads)."""
    body = json.dumps({
        "action": "closed",
        "issue": {"number": 412, "html_url": ISSUE, "state_reason": "completed"},
        "repository": {"full_name": "sunrelay-maps/tiles"},
    })  # fmt: skip
    signature = "sha256=" + hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()
    with SERVING.exclusive():
        answer = Client().post(
            "/hooks/github/", body, content_type="application/json",
            headers={"X-GitHub-Event": "issues", "X-Hub-Signature-256": signature},
        )  # fmt: skip
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_github_closes_the_issue_and_the_agent_tells_the_customer(page, linked):
    assert deliver_closed()["bugs"][0]["state"] == "fixed"
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{linked.pk}/")
    ready(page)
    expect(page.locator("#bug-panel")).to_contain_text("Fixed")
    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Bugs").click()
    page.get_by_role("link", name="sunrelay-maps/tiles#412").click()
    expect(page.locator("#bug-mrr")).to_have_text("24,000")
    form = page.get_by_role("form", name=f"Notice for #{linked.pk}")
    form.get_by_label("Body").fill("Hello $name, $bug is fixed in today's release.")
    page.screenshot(path=str(SCREENSHOTS / "integrations-notice.png"))
    form.get_by_role("button", name="Send to ana@ownco.test").click()
    expect(page.get_by_text("Notice queued for ana@ownco.test.")).to_be_visible()
    mail = Outbox.objects.get(kind=OutboxKind.NOTICE)
    assert mail.body_text == "Hello Ana, sunrelay-maps/tiles#412 is fixed in today's release.\n"
