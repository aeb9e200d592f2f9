"""The pre-sales figures (reports.presales): each on its population, against the quarter
before, by SE, tier and product area; the page and the API show them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sunrelay.desk.models import ProductArea
from sunrelay.presales import services
from sunrelay.reports import presales
from sunrelay.reports.quarters import Quarter, requested
from tests.factories import make_account
from tests.presales.conftest import qualify
from tests.presales.test_api import api

Q4 = Quarter(2026, 4)
OCT = datetime(2026, 10, 5, 9, tzinfo=UTC)
JUL = datetime(2026, 7, 6, 9, tzinfo=UTC)


def _deal(people, account, name, *, asked, se, assigned_after, technical=None, outcome=None):
    """An opportunity asked for at `asked`, assigned after `assigned_after`, decided a week
    later (`technical` win/loss) and closed two weeks later (`outcome` won/lost)."""
    opportunity = services.create_opportunity(people["sam"], account=account, name=name)
    qualify(opportunity, people["sam"])
    services.request_se(
        people["sam"],
        opportunity,
        context=name,
        reasons=["revenue"],
        due_on=date(2099, 1, 1),
        at=asked,
    )
    services.assign(people["lucia"], opportunity, people[se], at=asked + assigned_after)
    if technical:
        services.record_technical_result(
            people["lucia"], opportunity, technical, "Criteria.", at=asked + timedelta(days=7)
        )
    if outcome:
        services.close(people["sam"], opportunity, outcome, "Price.", at=asked + timedelta(14))
    return opportunity


@pytest.fixture
def quarters(people, account):
    maps = ProductArea.objects.create(name="Maps", slug="maps")
    small = make_account("Small Co", tier="pro", ae=people["sam"])
    hours = timedelta(hours=4)
    won = _deal(people, account, "A", asked=OCT, se="sofia", assigned_after=hours,
                technical="win", outcome="won")  # fmt: skip
    won.product_areas.set([maps])
    _deal(people, account, "B", asked=OCT, se="sofia", assigned_after=2 * hours,
          technical="win", outcome="lost")  # fmt: skip
    _deal(people, small, "C", asked=OCT, se="sergio", assigned_after=3 * hours,
          technical="loss", outcome="lost")  # fmt: skip
    _deal(people, account, "D", asked=JUL, se="sofia", assigned_after=8 * hours,
          technical="win", outcome="won")  # fmt: skip


def test_the_overall_figures_carry_their_population_and_reference(quarters):
    report = presales.compute(Q4)
    assert (report.overall.win_rate.value, report.overall.win_rate.total) == (1, 3)
    assert (report.overall.win_rate.previous, report.overall.win_rate.previous_total) == (1, 1)
    assert report.overall.technical_win_rate.value == 2
    assert report.overall.to_assignment.median == 8 * 60  # of 4 h, 8 h and 12 h
    assert report.sentences[0] == (
        "Won on 1 of 3 deals closed, 33 %; previous quarter (2026-Q3) 1 of 1."
    )
    assert report.sentences[1].startswith("Technical win on 2 of 3 technical results, 67 %")


def test_the_breakdowns_by_se_tier_and_product_area(quarters):
    report = presales.compute(Q4)
    by = {b.dimension: {r.label: r.figures for r in b.rows} for b in report.breakdowns}
    sofia = by["se"]["Sofia"]
    assert (sofia.win_rate.value, sofia.win_rate.total, sofia.win_rate.previous) == (1, 2, 1)
    assert by["se"]["Sergio"].technical_win_rate.value == 0
    assert sofia.to_technical_win.median == 7 * 24 * 60
    assert list(by["tier"]) == ["Enterprise", "Pro"]
    assert by["tier"]["Pro"].win_rate.total == 1
    assert by["product_area"]["Maps"].win_rate.value == 1
    assert by["product_area"]["No product area"].win_rate.total == 2


def test_the_figures_cost_the_same_queries_however_many_deals(people, account, quarters):
    with CaptureQueriesContext(connection) as few:
        presales.compute(Q4)
    for n in range(3):
        _deal(people, account, f"More {n}", asked=OCT, se="sergio",
              assigned_after=timedelta(hours=1), technical="win", outcome="won")  # fmt: skip
    with CaptureQueriesContext(connection) as more:
        presales.compute(Q4)
    assert len(more) == len(few)


def test_quarters_are_read_in_words():
    now = datetime(2026, 11, 20, tzinfo=UTC)
    assert requested("", now, "UTC") == Q4
    assert requested("2026q3", now, "UTC").label == "2026-Q3"
    with pytest.raises(ValueError, match="has not begun"):
        requested("2027-Q1", now, "UTC")
    with pytest.raises(ValueError, match="not a quarter"):
        requested("autumn", now, "UTC")
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)


def test_the_page_and_the_api(people, quarters):
    lead = Client()
    lead.force_login(people["lucia"])
    page = lead.get("/desk/reports/presales/?quarter=2026-Q4")
    assert page.status_code == 200
    assert "Won on 1 of 3 deals closed, 33 %" in page.text and "Sofia" in page.text
    assert lead.get("/desk/reports/presales/?quarter=someday").status_code == 400
    answer = api(people["sofia"]).get("/api/v1/reports/presales?quarter=2026-Q4")
    assert answer.status_code == 200
    assert answer.json()["overall"]["win_rate"]["total"] == 3
    assert api(people["sam"]).get("/api/v1/reports/presales").status_code == 403
