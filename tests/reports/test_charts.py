"""The SVG charts are well-formed, labelled, and drawn from the report's numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from sunrelay.reports import charts
from sunrelay.reports.figures import Coverage, RegionLine, TrendPoint

SVG = "{http://www.w3.org/2000/svg}"


def point(week, received, mean, by_tier):
    return TrendPoint(
        week=week, start=datetime(2026, 11, 16, tzinfo=UTC), received=received, answered=received,
        solved=0, backlog=0, first_reply_n=received, first_reply_mean=mean,
        first_reply_median=mean, by_tier=by_tier,
    )  # fmt: skip


def parse(svg: str):
    root = ET.fromstring(svg)  # noqa: S314  (our own output)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


def test_the_trend_and_volume_charts_name_their_numbers():
    trend = [point("2026-W46", 3, 90, {"enterprise": 1, "free": 2}), point("2026-W47", 0, None, {})]
    line = parse(charts.response_time_trend(trend))
    titles = [t.text for t in line.iter(f"{SVG}title")]
    assert "2026-W46: mean 1 h 30 min over 3 first replies" in titles
    bars = parse(charts.volume_by_tier(trend))
    titles = [t.text for t in bars.iter(f"{SVG}title")]
    assert "2026-W46: 1 Enterprise of 3" in titles and "2026-W46: 2 Free of 3" in titles


def test_the_coverage_chart_stacks_regions_and_survives_an_empty_week():
    staff = [0] * 168
    staff[9] = 2
    cov = Coverage("UTC", [0] * 168, [RegionLine("Europe/Madrid", "Madrid <HQ>", staff)])
    root = parse(charts.coverage(cov))
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "Mon 09:00: 2 on shift in Madrid <HQ>" in titles  # escaped in the SVG, read back
    parse(charts.coverage(Coverage("UTC", [0] * 168, [])))
    parse(charts.response_time_trend([]))
