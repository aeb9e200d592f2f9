"""Hand off now and take it back, in a real browser, on the ticket page."""

from __future__ import annotations

import re
from datetime import time

import pytest

from sunrelay.desk.models import EventKind
from sunrelay.schedule.models import Handoff, HandoverEnd
from sunrelay.team.models import StaffProfile, WorkingInterval
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, log_out, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    built = build_desk()
    # Alba works weekdays 09:00-17:00 in Madrid: a ticket handed over goes back to her then.
    profile = StaffProfile.objects.get(user=built["people"]["alba"])
    for day in range(5):
        WorkingInterval.objects.create(profile=profile, weekday=day, start=time(9), end=time(17))
    return built


def test_hand_off_now_and_take_it_back(page, desk):
    sql = desk["tickets"][2]  # Alba's, L2, high priority
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{sql.pk}/")
    ready(page)
    page.evaluate("window.stayedOnPage = true")
    panel = page.locator(".handoff-panel")
    panel.get_by_label("Hand off to").select_option(label="Keisha Thompson")
    panel.get_by_role("button", name="Hand off now").click()

    notice = page.locator(".notice")
    expect(notice).to_contain_text("Handed off: Keisha Thompson holds it for Alba Serrano until")
    head = page.locator(".ticket-head")
    expect(head).to_contain_text("assigned to Keisha Thompson")
    expect(head.locator(".handover-badge")).to_have_text(
        re.compile(r"^holding it for Alba Serrano until \w{3} \d{1,2} \w{3} 09:00$")
    )
    state = page.locator("#handover-state")
    expect(state).to_contain_text("Handed over temporarily. Keisha Thompson holds it for Alba")
    expect(page.locator(".history")).to_contain_text("Keisha Thompson holds it for Alba Serrano")
    assert page.evaluate("window.stayedOnPage") is True  # htmx swapped the workspace
    hold = Handoff.objects.get(ticket=sql)
    assert (hold.owner.username, hold.to_user.username, hold.manual) == ("alba", "keisha", True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(SCREENSHOTS / "handover-panel.png"))

    state.get_by_role("button", name="Take it back").click()
    expect(notice).to_have_text("Taken back: the ticket is yours again.")
    expect(head).to_contain_text("assigned to Alba Serrano")
    expect(page.locator(".handover-badge")).to_have_count(0)
    expect(page.locator("#handover-state")).to_have_count(0)
    expect(page.locator(".history")).to_contain_text("back with Alba Serrano, who took it back")
    hold.refresh_from_db()
    assert hold.outcome == HandoverEnd.TAKEN_BACK
    assert sql.events.filter(kind=EventKind.HANDED_BACK).count() == 1


def test_the_holder_sees_for_whom_and_no_take_back_button(page, desk):
    sql = desk["tickets"][2]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{sql.pk}/")
    ready(page)
    page.locator(".handoff-panel").get_by_label("Hand off to").select_option(label="Kwame Mensah")
    page.get_by_role("button", name="Hand off now").click()
    expect(page.locator(".handover-badge")).to_be_visible()
    log_out(page)  # log out
    log_in(page, "kwame")
    page.goto(f"/desk/tickets/{sql.pk}/")
    ready(page)
    expect(page.locator("#handover-state")).to_contain_text("Kwame Mensah holds it for Alba")
    expect(page.get_by_role("button", name="Take it back")).to_have_count(0)
