"""The agent workspace in a real browser: log in, queue, ticket, notes, replies, solving."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk import services
from sunrelay.desk.models import UNSOLVED_STATUSES, MessageKind, Status, Ticket
from sunrelay.desk.queues import order_by
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import PASSWORD, build_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def log_in(page, username):
    page.goto("/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD.format(username))
    page.get_by_role("button", name="Log in").click()


def log_out(page):
    """Leave the page before forgetting the session: a poll of a page still open would answer
    with a redirect to the log-in form and race the test's next navigation."""
    page.goto("about:blank")
    page.context.clear_cookies()


def ready(page):
    """The page's deferred scripts (htmx, then ours) have run: shortcuts work."""
    expect(page.locator("html.js")).to_have_count(1)


def subjects(page) -> list[str]:
    return page.locator("#queue-results tbody td.col-subject").all_inner_texts()


def test_an_agent_works_a_ticket_end_to_end(page, desk):
    main = desk["main"]
    log_in(page, "alba")
    expect(page).to_have_url(re.compile(r"/desk/$"))
    expect(page.locator(".topbar")).to_contain_text("Alba Serrano")
    for city in ("Madrid", "New York", "San Francisco"):
        expect(page.locator(".clocks")).to_contain_text(city)

    # The queue: every open ticket, the most urgent first.
    page.get_by_role("link", name=re.compile("All open")).first.click()
    ready(page)
    rows = page.locator("#queue-results tbody tr")
    expect(rows).to_have_count(12)
    most_urgent = Ticket.objects.filter(status__in=UNSOLVED_STATUSES).order_by(
        *order_by("urgency")
    )[0]
    assert subjects(page)[0] == most_urgent.subject
    expect(page.locator("th.col-urgency")).to_contain_text("most urgent first")
    expect(page.locator("#queue-results")).to_contain_text("Enterprise")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue.png"))

    # Sort by subject (htmx swaps the results; the page itself stays).
    page.evaluate("window.stayedOnPage = true")
    page.locator("th.col-subject a").click()
    expect(page).to_have_url(re.compile(r"sort=subject"))
    expect(page.locator("th.col-subject")).to_have_attribute("aria-sort", "ascending")
    shown = subjects(page)
    assert shown == sorted(shown)
    # Filter: urgent only, then add text.
    page.locator("select[name=priority]").select_option("urgent")
    expect(rows).to_have_count(2)
    page.locator("#filter-q").fill("tiles")
    page.locator("#filter-q").press("Enter")
    expect(rows).to_have_count(1)
    assert page.evaluate("window.stayedOnPage") is True

    # Open it from the keyboard: Esc leaves the search field, j selects, Enter opens.
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(rows.first).to_have_class(re.compile("is-current"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{main.pk}/$"))
    expect(page.locator("h1")).to_have_text(main.subject)
    expect(page.locator(".thread article")).to_have_count(2)
    ready(page)
    page.evaluate("window.stayedOnPage = true")

    # An empty note is refused in place.
    page.keyboard.press("i")
    expect(page.locator("#note-body")).to_be_focused()
    page.get_by_role("button", name="Add internal note").click()
    expect(page.locator("#note-form .field-error")).to_have_text("The message is empty.")

    # An internal note, then a public reply; neither reloads the page.
    page.locator("#note-body").fill(
        "Reproduced with their style at zoom 14; the font stack is missing."
    )
    page.get_by_role("button", name="Add internal note").click()
    note = page.locator(".thread article").nth(2)
    expect(note).to_contain_text("Reproduced with their style")
    expect(note).to_have_class(re.compile(r"\bis-internal\b"))
    expect(note.locator(".kind-label")).to_have_text("Internal note · staff only")
    assert "public" not in note.get_attribute("class")
    note_bg = note.evaluate("e => getComputedStyle(e).backgroundColor")

    page.keyboard.press("r")
    expect(page.locator("#reply-body")).to_be_focused()
    page.locator("#reply-body").fill("Thanks Carla, we can reproduce it and are on it.")
    page.locator("#reply-body").press("Control+Enter")
    reply = page.locator(".thread article").nth(3)
    expect(reply).to_contain_text("we can reproduce it")
    expect(reply).to_have_class(re.compile(r"\bis-public\b"))
    expect(reply.locator(".kind-label")).to_have_text("Public reply")
    assert reply.evaluate("e => getComputedStyle(e).backgroundColor") != note_bg
    expect(page.locator(".notice")).to_contain_text("Public reply added")
    assert page.evaluate("window.stayedOnPage") is True
    page.screenshot(path=str(SCREENSHOTS / "ticket.png"))

    # Solving without a cause is refused, in place; with a cause it is accepted.
    page.locator("#id_status").select_option("solved")
    page.get_by_role("button", name="Save properties").click()
    expect(page.locator(".field-cause .field-error")).to_contain_text(
        "Say what caused it before solving"
    )
    assert Ticket.objects.get(pk=main.pk).status == Status.OPEN
    page.locator("#id_cause").select_option("product_bug")
    page.locator("#id_bug_url").fill("https://tracker.example.test/MAPS-1412")
    page.get_by_role("button", name="Save properties").click()
    expect(page.locator(".ticket-head .status")).to_have_text("Solved")
    expect(page.locator(".history")).to_contain_text("Open → Solved")
    assert page.evaluate("window.stayedOnPage") is True

    main.refresh_from_db()
    assert (main.status, main.cause, main.bug_url) == (
        "solved",
        "product_bug",
        "https://tracker.example.test/MAPS-1412",
    )
    kinds = list(main.messages.values_list("kind", flat=True))
    assert kinds == [
        MessageKind.CUSTOMER,
        MessageKind.CUSTOMER,
        MessageKind.NOTE,
        MessageKind.REPLY,
    ]


def test_shortcuts_are_listed_and_assign_to_me_works_from_the_keyboard(page, desk):
    ticket = desk["tickets"][3]  # unassigned
    log_in(page, "keisha")
    page.goto("/desk/queues/unassigned/")
    ready(page)
    page.keyboard.press("?")
    dialog = page.locator("dialog#shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Assign the ticket to me")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_have_text("Assigned to you.")
    expect(page.locator(".ticket-head")).to_contain_text("assigned to Keisha Thompson")
    ticket.refresh_from_db()
    assert ticket.assignee.username == "keisha" and ticket.status == Status.OPEN


def test_next_ticket_follows_the_queue_order(page, desk):
    log_in(page, "alba")
    page.goto("/desk/queues/open/?sort=subject")
    ready(page)
    first, second = subjects(page)[:2]
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(first)
    ready(page)
    page.keyboard.press("j")
    expect(page.locator("h1")).to_have_text(second)
    ready(page)
    page.keyboard.press("u")
    expect(page).to_have_url(re.compile(r"/desk/queues/open/\?sort=subject$"))


def test_sales_read_their_accounts_and_cannot_edit(page, desk):
    main = desk["main"]
    other = desk["tickets"][1]  # Globe Logistics: Carmen's account, not Sam's
    log_in(page, "sam")
    page.goto("/desk/queues/open/")
    expect(page.locator("#queue-results")).to_contain_text(main.subject)
    expect(page.locator("#queue-results")).not_to_contain_text(other.subject)

    page.goto(f"/desk/tickets/{main.pk}/")
    expect(page.locator(".readonly-note")).to_contain_text("Read-only")
    # Their one way to write is a note to support (test_administration); no reply, no changes.
    expect(page.locator("textarea")).to_have_count(1)
    expect(page.locator("#reply-body")).to_have_count(0)
    expect(page.locator("#properties-form")).to_have_count(0)
    ready(page)
    page.keyboard.press("a")  # no assign button: nothing happens
    status = page.evaluate(
        """async (url) => {
            const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
            const r = await fetch(url, {method: "POST", headers: {"X-CSRFToken": token,
                "Content-Type": "application/x-www-form-urlencoded"}, body: "body=hello"});
            return r.status;
        }""",
        f"/desk/tickets/{main.pk}/reply/",
    )
    assert status == 403
    assert main.messages.count() == 2

    response = page.goto(f"/desk/tickets/{other.pk}/")
    assert response.status == 404
    page.goto(f"/desk/accounts/{desk['accounts']['acme'].pk}/")
    expect(page.locator("h1")).to_contain_text("Acme Maps")


def test_quoted_text_starts_folded_and_opens_on_click(page, desk):
    main = desk["main"]
    services.receive_customer_message(
        main,
        main.requester,
        "Still blank after the upgrade.\n\nOn Mon, 3 Mar 2025, Support wrote:\n"
        "> Did you clear the tile cache?\n",
    )
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{main.pk}/")
    latest = page.locator(".thread article").last
    expect(latest).to_contain_text("Still blank after the upgrade.")
    quote = latest.get_by_text("Did you clear the tile cache?")
    expect(quote).to_be_hidden()
    latest.get_by_text("Show quoted text").click()
    expect(quote).to_be_visible()
