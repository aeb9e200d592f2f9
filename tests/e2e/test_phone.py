"""A phone's screen (375 x 812): no page is wider than the screen, the navigation, search and
log-out are a tap away, the queue is a list of cards, the ticket page stacks with every action
reachable; the portal and the help centre too."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import PHONE, SCREENSHOTS
from tests.e2e.test_accessibility import desk, desk_pages, sign_in_to_portal  # noqa: F401
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = """() => {
  const wide = [];
  const limit = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > limit + 1 && getComputedStyle(el).position !== 'fixed') {
      wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')
        + ' ends at ' + Math.round(box.right) + ' px');
    }
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 8)};
}"""


def assert_fits(page, what: str) -> None:
    """The page scrolls only up and down: nothing pushes it wider than the screen."""
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["inner"], (
        f"{what} is {found['scroll']} px wide on a {found['inner']} px screen: {found['wide']}"
    )


def test_every_main_page_fits_a_phone(pages, desk):  # noqa: F811
    page = pages.open(viewport=PHONE)
    page.goto("/login/")
    assert_fits(page, "the log-in page")
    log_in(page, "lena")
    for what, path in {**desk_pages(desk), "the queues": "/desk/"}.items():
        page.goto(path)
        ready(page)
        assert_fits(page, what)
        if path.startswith("/desk/"):  # the help centre has no workspace navigation
            page.get_by_role("button", name="Menu").click()
            assert_fits(page, f"{what} with the menu open")

    customer = pages.open(viewport=PHONE)
    customer.goto("/portal/new/")
    assert_fits(customer, "the web form")
    sign_in_to_portal(customer, desk["contacts"]["carla"])
    assert_fits(customer, "the portal's home")
    expect(customer.get_by_role("button", name="Sign out")).to_be_visible()
    customer.goto(f"/portal/tickets/{desk['main'].pk}/")
    assert_fits(customer, "a ticket in the portal")
    expect(customer.get_by_role("button", name="Send reply")).to_be_visible()


def test_the_top_bar_folds_into_a_menu_on_a_phone(pages, desk):  # noqa: F811
    page = pages.open(viewport=PHONE)
    log_in(page, "lena")
    ready(page)
    search = page.get_by_role("searchbox", name="Search")
    expect(search).to_be_visible()
    reports = page.get_by_role("link", name="Reports")
    expect(reports).to_be_hidden()

    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(page.get_by_role("button", name="Close menu")).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "phone-menu.png"))
    reports.click()
    expect(page).to_have_url(re.compile(r"/desk/reports/weekly/"))

    # The search works from its own line.
    page.get_by_role("searchbox", name="Search").fill("shapefile")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("How do I import a shapefile with Z values?")


def test_the_queue_is_a_list_of_cards_on_a_phone(pages, desk):  # noqa: F811
    page = pages.open(viewport=PHONE)
    log_in(page, "alba")
    page.goto("/desk/queues/open/")
    ready(page)
    main = desk["main"]
    card = page.locator("#queue-results tbody tr", has_text=main.subject)
    box = card.bounding_box()
    assert box["width"] > 300, box  # a card the width of the screen, not a table row
    # Each card shows the subject, who asked and for which account, status, priority, SLA and
    # age, none squeezed to nothing.
    for column in ("subject", "requester", "account", "status", "priority", "urgency", "age"):
        cell = card.locator(f"td.col-{column}")
        expect(cell).to_be_visible()
        assert cell.bounding_box()["width"] >= 20, column
    expect(card.locator("td.col-subject")).to_contain_text(main.subject)
    expect(card.locator("td.col-account")).to_contain_text("Acme Maps")
    assert_fits(page, "the queue")
    page.evaluate("document.querySelector('#queue-results table').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / "phone-queue.png"))

    card.locator("td.col-subject a").click()
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{main.pk}/$"))


def test_the_ticket_page_stacks_with_every_action_reachable_on_a_phone(pages, desk):  # noqa: F811
    page = pages.open(viewport=PHONE)
    log_in(page, "alba")
    ticket = desk["tickets"][3]
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    # The conversation comes first, the properties below it.
    thread = page.locator(".thread").bounding_box()
    properties = page.locator("#properties-form").bounding_box()
    assert thread["y"] < properties["y"] and properties["width"] > 300

    page.get_by_role("button", name=re.compile("Assign to me")).click()
    expect(page.locator(".ticket-head")).to_contain_text("assigned to Alba Serrano")
    page.get_by_label("Public reply", exact=True).fill("Import it with the Z option on.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".thread")).to_contain_text("Import it with the Z option on.")
    page.get_by_role("tab", name="Internal note").click()
    expect(page.get_by_role("button", name="Add internal note")).to_be_visible()
    properties = page.locator("#properties-form")
    properties.get_by_label("Priority").select_option("high")
    properties.get_by_role("button", name="Save properties").click()
    expect(page.locator(".ticket-head .priority")).to_have_text("High")
    assert_fits(page, "the ticket page")
    ticket.refresh_from_db()
    assert ticket.assignee == desk["people"]["alba"] and ticket.priority == "high"
