"""Knowledge in a real browser: an agent answers a demo ticket with a suggested article and a
macro; the help centre works logged out."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from sunrelay.demo.people import DEMO_PASSWORD
from sunrelay.desk.models import UNSOLVED_STATUSES, Channel, MessageKind, Status, Ticket
from sunrelay.kb.models import Article, MacroUse, Visibility
from tests.demo.conftest import SMALL_ARGS
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("demo", *SMALL_ARGS, "--quiet")


def log_in(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_an_agent_answers_a_demo_ticket_from_the_knowledge_panel(page, demo):
    # A ticket answered by e-mail: a Q&A-site question takes its answers on the site.
    unsolved = Ticket.objects.filter(status__in=UNSOLVED_STATUSES).exclude(channel=Channel.QA_SITE)
    ticket = (
        unsolved.filter(subject__icontains="tiles").order_by("pk").first()
        or unsolved.order_by("pk").first()
    )
    first_name = (ticket.requester.name or "there").split(" ")[0]
    log_in(page, "keisha")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    panel = page.locator("#knowledge-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".suggested-articles li").first).to_be_visible()
    suggestion = panel.locator(".suggested-articles summary").first
    suggestion.click()  # opens the article's text for the requester's level in place
    expect(panel.locator(".suggested-articles .markdown").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "knowledge-panel.png"))

    # The macro picker: m, filter, Enter; the text lands in the reply box to edit.
    page.keyboard.press("m")
    expect(page.locator("#macro-picker")).to_be_visible()
    page.keyboard.type("request id", delay=10)
    page.keyboard.press("Enter")
    reply = page.locator("#reply-body")
    expect(reply).to_have_value(re.compile(rf"^Hi {re.escape(first_name)},"))
    expect(page.locator(".macro-in-use")).to_contain_text("Ask for the request id")
    reply.press("End")
    reply.type(" Thank you!")
    reply.press("Control+Enter")

    expect(page.locator(".thread")).to_contain_text("Thank you!")
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING
    sent = ticket.messages.filter(kind=MessageKind.REPLY).latest("created_at")
    assert sent.body_text.startswith(f"Hi {first_name},") and sent.body_text.endswith("Thank you!")
    assert MacroUse.objects.filter(ticket=ticket, macro__name="Ask for the request id").exists()


def test_the_help_centre_works_logged_out(page, demo):
    article = (
        Article.objects.filter(visibility=Visibility.PUBLIC).exclude(versions__beginner="").first()
    )
    page.goto("/help/")
    expect(page.get_by_role("heading", name="Help centre")).to_be_visible()
    page.get_by_label("Search the articles").fill(article.title.split(":")[-1].split()[0])
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=article.title).first.click()
    expect(page.get_by_role("heading", name=article.title)).to_be_visible()
    page.get_by_role("link", name="Beginner").click()
    expect(page).to_have_url(re.compile(r"level=beginner"))
    page.get_by_role("button", name="Yes, this helped").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    assert article.feedback.filter(helpful=True).count() == 1
