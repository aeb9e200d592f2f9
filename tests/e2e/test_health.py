"""Customer health in a real browser: a customer engineer opens the at-risk list, the sliding
account's health page with every measure and what moved since last week, sees the task the
drop raised for them and marks it done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.health import defaults, scores
from sunrelay.health.models import AlertStatus, HealthAlert, Measure
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_account, make_staff
from tests.health.conftest import send_usage, week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sliding(transactional_db):
    """Slope Maps, Cora's account: 700 API calls a day and 10 active users a day for a month
    until last week (99), then 100 calls a day and no users (62: below 70, fell by 37)."""
    # A transactional test starts from an emptied database: the migration's scorecard too.
    defaults.ensure_defaults()
    cora = make_staff("cora", ["customer_engineer"], time_zone="Europe/Madrid", first_name="Cora")
    account = make_account("Slope Maps", tier="enterprise", mrr=4200, ce=cora)
    make_account("Steady Co", mrr=900)
    today = timezone.now().date()
    last_week = today - timedelta(days=7)
    send_usage(account, "api_calls", week(last_week, 700))
    send_usage(account, "api_calls", week(today, 100))
    send_usage(account, "active_users", {last_week - timedelta(days=n): 10 for n in range(30)})
    scores.score_all(last_week, [account.pk])
    scores.score_all(today, [account.pk])
    return account


def test_a_ce_sees_why_an_account_slid_and_closes_the_task(page, sliding):
    log_in(page, "cora")
    page.goto("/desk/")
    ready(page)
    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Customer health").click()
    expect(page.locator("#at-risk-summary")).to_contain_text("1 account red or yellow")
    expect(page.locator("#at-risk-summary")).to_contain_text("$4,200/month of MRR at risk")
    expect(page.locator("table.health-risk")).not_to_contain_text("Steady Co")

    page.locator("table.health-risk").get_by_role("link", name="Slope Maps").click()
    expect(page.locator("h1")).to_have_text("Slope Maps: health")
    expect(page.locator("#health-score")).to_contain_text("62 ↓ Yellow")
    expect(page.locator("#health-score")).to_contain_text("was 99")
    measures = page.locator("table.health-measures tbody tr")
    expect(measures).to_have_count(Measure.objects.count())
    expect(measures.filter(has_text="API calls")).to_contain_text("700 in the last 7 days")
    moved = page.locator("#health-moved")
    expect(moved).to_contain_text("API calls fell 86 % week over week, 98 → 14 points")
    expect(moved).to_contain_text("Active users fell 23 %")

    tasks = page.locator("ul.health-tasks li")
    drop = tasks.filter(has_text="Health dropped below 70: 62")
    expect(drop).to_contain_text("for Cora")
    page.screenshot(path=str(SCREENSHOTS / "health-account.png"))
    drop.get_by_role("button", name="Done").click()
    expect(page.get_by_text("Task done.")).to_be_visible()
    expect(page.locator("ul.health-tasks")).not_to_contain_text("dropped below 70")
    log_out(page)

    closed = HealthAlert.objects.get(text__startswith="Health dropped below 70")
    assert closed.status == AlertStatus.DONE and closed.done_by.username == "cora"
    assert HealthAlert.objects.filter(status=AlertStatus.OPEN).count() == 1  # the fall
