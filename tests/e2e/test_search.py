"""Search in a real browser: suggestions as you type in the top bar, then the results page."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk import services
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def test_an_agent_finds_a_ticket_by_words_in_a_message(page, desk):
    main = desk["main"]
    services.receive_customer_message(
        main, main.requester, "Our load balancer logs show request id QX-88412 failing."
    )
    log_in(page, "alba")
    ready(page)
    page.keyboard.press("/")
    page.keyboard.type("qx-88412", delay=20)
    suggestion = page.locator("#search-suggestions").get_by_role(
        "link", name=re.compile(main.subject)
    )
    expect(suggestion).to_be_visible()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/desk/search/\?q=qx-88412"))
    result = page.locator(".search-results li").first
    expect(result).to_contain_text(main.subject)
    # SQLite marks the id whole, PostgreSQL its parts: either way the id is what is marked.
    expect(result.locator("mark").first).to_have_text(re.compile("QX|88412", re.I))
    page.screenshot(path=str(SCREENSHOTS / "search.png"))

    # A bad query says what is wrong instead of failing.
    page.get_by_label(re.compile("Words, “phrases”")).fill('"unfinished')
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("alert")).to_contain_text("A quote is not closed")

    result_link = page.get_by_label(re.compile("Words, “phrases”"))
    result_link.fill("qx-88412")
    page.get_by_role("button", name="Search").click()
    page.locator(".search-results a").first.click()
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{main.pk}/"))
