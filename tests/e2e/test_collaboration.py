"""Two agents on one ticket, in two browsers: presence, a held stale reply, an @mention
that rings the other's bell."""

from __future__ import annotations

import pytest

from sunrelay.desk.models import Message, MessageKind
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def second_browser(pages):
    """Another person's browser: its own context, cookies and session (closed, and checked
    for JavaScript errors, with the test's other pages)."""
    return pages.open(timezone_id="America/New_York")


def beat(page):
    page.evaluate("window.sunrelayLive.beat()")


def test_each_agent_sees_the_other_viewing_and_typing(page, pages, desk):
    ticket = desk["main"]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    keisha = second_browser(pages)
    log_in(keisha, "keisha")
    keisha.goto(f"/desk/tickets/{ticket.pk}/")
    ready(keisha)
    beat(keisha)
    expect(keisha.locator("#presence")).to_contain_text("Alba Serrano is viewing")
    # The first keystroke is told at once; Alba's beat asks only once the server has it.
    with keisha.expect_response(lambda response: "reply" in (response.request.post_data or "")):
        keisha.locator("#reply-body").fill("Looking at the tile server now")
    beat(page)
    expect(page.locator("#presence")).to_contain_text("Keisha Thompson is writing a public reply")
    page.screenshot(path=str(SCREENSHOTS / "presence.png"))


def test_a_stale_reply_is_held_until_the_agent_sends_it_anyway(page, pages, desk):
    ticket = desk["main"]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    keisha = second_browser(pages)
    log_in(keisha, "keisha")
    keisha.goto(f"/desk/tickets/{ticket.pk}/")
    ready(keisha)
    new = "low" if ticket.priority != "low" else "high"
    keisha.get_by_label("Priority").select_option(new)
    keisha.get_by_role("button", name="Save properties").click()
    expect(keisha.locator(".notice")).to_contain_text("Saved: priority")
    page.locator("#reply-body").fill("Please reinstall the plugin.")
    page.get_by_role("button", name="Send reply").click()
    held = page.locator("#reply-form .held")
    expect(held).to_contain_text("Not sent: the ticket changed since you opened it.")
    expect(held).to_contain_text("Keisha Thompson")
    expect(held).to_contain_text(f"→ {new.capitalize()}")
    expect(page.locator("#reply-body")).to_have_value("Please reinstall the plugin.")
    page.screenshot(path=str(SCREENSHOTS / "held-reply.png"))
    sent = Message.objects.filter(
        ticket=ticket, kind=MessageKind.REPLY, body_text__contains="reinstall"
    )
    assert not sent.exists()
    page.get_by_role("button", name="Send anyway").click()
    expect(page.locator(".notice")).to_contain_text("Public reply added")
    assert sent.count() == 1


def test_a_mention_rings_the_colleagues_bell_until_they_open_the_ticket(page, pages, desk):
    ticket = desk["main"]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    page.keyboard.press("i")
    note = page.locator("#note-body")
    note.press_sequentially("Over to @kei")
    options = page.locator("#mention-list [role=option]")
    expect(options.first).to_contain_text("Keisha Thompson")
    note.press("Enter")
    expect(note).to_have_value("Over to @keisha ")
    note.press_sequentially("please check the cache")
    note.press("Control+Enter")
    expect(page.locator(".notice")).to_contain_text("Internal note added")
    expect(page.locator(".message-note .mention").last).to_have_text("@keisha")

    keisha = second_browser(pages)
    log_in(keisha, "keisha")
    keisha.goto("/desk/")
    ready(keisha)
    expect(keisha.locator("#bell .bell-count")).to_have_text("1")
    keisha.locator("#bell").click()
    expect(keisha.locator(".notification.is-unread")).to_contain_text("Alba Serrano mentioned you")
    keisha.goto(f"/desk/tickets/{ticket.pk}/")
    ready(keisha)
    expect(keisha.locator(".mention.is-me")).to_have_count(1)
    expect(keisha.locator("#bell")).to_have_attribute("aria-label", "Notifications")
    expect(keisha.locator("#bell .bell-count")).to_have_count(0)
