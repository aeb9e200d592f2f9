"""Solving from the reply form in one step: the cause and bug link appear when "Solved" is
chosen, with and without JavaScript."""

from __future__ import annotations

import pytest

from sunrelay.desk.models import MessageKind
from tests.e2e.conftest import VIEWPORT
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def solve_from_the_reply_form(page, ticket) -> None:
    form = page.locator("#reply-form")
    fields = form.locator("#reply-solve-fields")
    expect(fields).to_be_hidden()
    form.locator("#reply-status").select_option("solved")
    expect(fields).to_be_visible()
    form.locator("#reply-body").fill("Fixed in today's release: zoom 14 renders again.")
    fields.get_by_label("Cause").select_option("product_bug")
    fields.get_by_label("Bug link").fill("https://tracker.test/MAPS-1402")
    form.get_by_role("button", name="Send reply").click()
    expect(page.locator(".ticket-head .status")).to_have_text("Solved")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.cause, ticket.bug_url) == (
        "solved",
        "product_bug",
        "https://tracker.test/MAPS-1402",
    )
    assert ticket.messages.filter(kind=MessageKind.REPLY).count() == 1


def test_a_reply_solves_with_its_cause_in_one_step(page, desk):
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{desk['main'].pk}/")
    ready(page)
    page.evaluate("window.stayedOnPage = true")
    solve_from_the_reply_form(page, desk["main"])
    expect(page.locator(".notice")).to_contain_text("Public reply added")
    expect(page.locator(".history")).to_contain_text("→ Solved")
    assert page.evaluate("window.stayedOnPage") is True


def test_it_works_without_javascript(browser, live_server, desk):
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORT, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, "alba")
        page.goto(f"/desk/tickets/{desk['main'].pk}/")
        expect(page.locator("html.js")).to_have_count(0)
        solve_from_the_reply_form(page, desk["main"])
    finally:
        context.close()
