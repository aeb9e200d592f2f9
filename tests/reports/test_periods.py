"""ISO weeks in the report's time zone: parsing, bounds across DST, the default week."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sunrelay.reports.periods import Week, weeks_ending


def test_it_parses_iso_weeks_and_refuses_the_rest():
    assert Week.parse("2026-W47") == Week(2026, 47)
    assert Week.parse("2026w47").label == "2026-W47"
    assert Week.parse("2026-W53").label == "2026-W53"  # 2026 has 53 ISO weeks
    for bad in ("2025-W53", "2026-47", "W47", "", "2026-W00"):
        with pytest.raises(ValueError):
            Week.parse(bad)


def test_a_utc_week_runs_monday_to_monday():
    week = Week.parse("2026-W47")
    assert week.start == datetime(2026, 11, 16, tzinfo=UTC)
    assert week.end == datetime(2026, 11, 23, tzinfo=UTC)
    assert week.previous().label == "2026-W46"
    assert week.title() == "Week 47, 16–22 Nov 2026"


def test_a_week_in_madrid_starts_at_local_midnight_and_may_last_167_hours():
    week = Week.parse("2026-W13", "Europe/Madrid")  # Summer time begins on Sunday 29 March
    assert week.start == datetime(2026, 3, 22, 23, tzinfo=UTC)
    assert week.end == datetime(2026, 3, 29, 22, tzinfo=UTC)
    assert (week.end - week.start).total_seconds() / 3600 == 167


def test_the_year_boundary_and_the_default_week():
    assert Week.parse("2027-W01").previous().label == "2026-W53"
    assert Week.parse("2026-W53").title() == "Week 53, 28 Dec 2026 – 3 Jan 2027"
    wednesday = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert Week.last_complete(wednesday).label == "2026-W47"
    # Monday 00:30 in Madrid is still Sunday in UTC: the zone decides which week ended.
    monday_madrid = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert Week.last_complete(monday_madrid, "Europe/Madrid").label == "2026-W47"
    assert Week.last_complete(monday_madrid, "UTC").label == "2026-W46"


def test_weeks_ending_are_consecutive_oldest_first():
    labels = [w.label for w in weeks_ending(Week.parse("2027-W02"), 4)]
    assert labels == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
