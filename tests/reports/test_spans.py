"""The leadership report's periods: months, calendar and fiscal quarters, and their references."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sunrelay.reports.spans import Span, ending


def test_calendar_quarter_bounds_and_references():
    quarter = Span.parse("quarter", "2026-Q4")
    assert (quarter.start, quarter.end) == (
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert quarter.previous().label == "2026-Q3"
    assert quarter.year_before().label == "2025-Q4"
    assert quarter.title() == "Q4 2026 (October–December)"


def test_fiscal_quarter_is_named_by_the_year_it_ends_in():
    quarter = Span.parse("quarter", "2027-Q1", fiscal_start=2)
    assert quarter.start == datetime(2026, 2, 1, tzinfo=UTC)
    assert quarter.end == datetime(2026, 5, 1, tzinfo=UTC)
    assert quarter.previous().label == "2026-Q4"
    assert quarter.title() == "Q1 FY2027 (February–April)"
    found = Span.containing("quarter", datetime(2026, 3, 5, tzinfo=UTC), fiscal_start=2)
    assert found == quarter


def test_month_in_a_zone_and_across_the_year():
    month = Span.parse("month", "2026-01", zone="Europe/Madrid")
    assert month.start == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert month.previous().label == "2025-12"
    assert month.year_before().label == "2025-01"
    assert month.title() == "January 2026"


def test_weeks_are_the_weekly_reviews():
    week = Span.parse("week", "2026-W47")
    assert week.start == datetime(2026, 11, 16, tzinfo=UTC)
    assert week.year_before().label == "2025-W47"


def test_thirteen_periods_end_with_the_last():
    months = ending(Span.parse("month", "2026-03"), 13)
    assert [months[0].label, months[-1].label] == ["2025-03", "2026-03"]
    assert all(a.end == b.start for a, b in zip(months, months[1:], strict=False))


@pytest.mark.parametrize(
    ("kind", "text", "said"),
    [
        ("month", "2026-13", "not a month of the year"),
        ("month", "November", "not a month such as 2026-11"),
        ("quarter", "2026-Q5", "not a quarter such as 2026-Q4"),
        ("year", "2026", "not a kind of period"),
    ],
)
def test_bad_periods_are_said_in_words(kind, text, said):
    with pytest.raises(ValueError, match=said):
        Span.parse(kind, text)
