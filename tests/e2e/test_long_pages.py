"""Long pages: the weekly review opens on its summary with the sections folded and keeps
"Change" in sight in every table; the time-off plan keeps Save in sight and never offers the
person away as their own cover."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.team.models import TimeOff
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_accessibility import desk  # noqa: F401
from tests.e2e.test_workspace import expect, log_in, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_weekly_review_starts_with_its_summary_and_keeps_change_in_sight(
    pages,
    desk,  # noqa: F811
):
    page = pages.open(viewport={"width": 1024, "height": 768})
    log_in(page, "lena")
    page.goto("/desk/reports/weekly/")
    ready(page)
    sections = page.locator("details.report-section")
    assert sections.count() >= 5
    expect(page.locator("details.report-section[open]")).to_have_count(1)
    summary_top = page.locator(".report-summary").bounding_box()["y"]
    assert summary_top < page.locator("details.report-section").first.bounding_box()["y"]
    folded_height = page.evaluate("document.documentElement.scrollHeight")

    # Open everything: each table's "Change" column shows within its scroller, whatever the
    # table's width; only the tables wider than the page scroll at all.
    page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollHeight") > folded_height
    hidden = page.evaluate(
        """() => Array.from(document.querySelectorAll('.report-scroll')).flatMap(box => {
          const edge = box.getBoundingClientRect();
          return Array.from(box.querySelectorAll('th.change')).filter(th => {
            const r = th.getBoundingClientRect();
            return r.right > edge.right + 1 || r.left < edge.left - 1;
          }).map(() => box.getAttribute('aria-label'));
        })"""
    )
    assert hidden == []
    assert page.locator("th.change").count() >= 3
    page.screenshot(path=str(SCREENSHOTS / "weekly-review.png"))


def test_the_time_off_plan_keeps_save_in_sight_and_the_person_away_out_of_the_covers(
    pages,
    desk,  # noqa: F811
):
    alba = desk["people"]["alba"]
    today = timezone.localdate()
    away = TimeOff.objects.create(
        user=alba, first_day=today + timedelta(days=7), last_day=today + timedelta(days=9)
    )
    page = pages.open(viewport={"width": 1280, "height": 600})
    log_in(page, "alba")
    page.goto(f"/desk/time-off/{away.pk}/")
    ready(page)
    covers = page.locator("#cover-rest option").all_inner_texts()
    assert "Keisha Thompson" in covers and "Alba Serrano" not in covers
    for select in page.locator("select[name^=ticket-], select[name^=account-]").all():
        assert "Alba Serrano" not in select.locator("option").all_inner_texts()

    save = page.get_by_role("button", name="Save the plan")
    expect(save).to_be_in_viewport()  # at the top of a long plan too
    page.mouse.wheel(0, 3000)
    expect(save).to_be_in_viewport()
    page.get_by_label("Who covers the rest").select_option(label="Keisha Thompson")
    save.click()
    expect(page).to_have_url(re.compile(r"/desk/time-off/$"))
    assert away.coverage.get().cover == desk["people"]["keisha"]
