"""The leadership report on the hand-built week (tests/reports/conftest.py): its figures are
the weekly review's over the same days, a month is its days' figures summed, every section
says something, and the computation's queries do not grow with the tickets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.reports import leadership, leadership_tickets, queries, refresh, weekly
from sunrelay.reports.spans import Span
from tests.reports.conftest import NOW, W47

pytestmark = pytest.mark.django_db


def _figure(report, key):
    return next(f for s in report.sections for f in s.figures if f.key == key)


def test_a_week_agrees_with_the_weekly_review(desk_week):
    review = weekly.compute(W47, now=NOW)
    report = leadership.compute(Span.parse("week", W47.label), now=NOW)
    assert _figure(report, "received").value == review.received.value
    assert _figure(report, "received").previous == review.received.previous
    assert _figure(report, "answered").value == review.answered.share
    assert _figure(report, "breaches").value == review.breaches.value
    assert _figure(report, "backlog").value == review.backlog.count.value
    assert _figure(report, "first_reply").value == review.first_reply.business.mean
    assert _figure(report, "first_reply_within").value == pytest.approx(
        review.first_reply.met / review.first_reply.with_target
    )


def test_a_month_is_its_days_summed(desk_week):
    month = Span.parse("month", "2026-11")
    refresh.ensure_fresh(NOW)
    figures = leadership_tickets.compute(month.start, month.end, NOW)
    days = [month.start + timedelta(days=i) for i in range(30)]
    received = sum(len(queries.received(d, d + timedelta(days=1), queries.Scope())) for d in days)
    breaches = sum(len(queries.breaches(d, d + timedelta(days=1), queries.Scope())) for d in days)
    assert sum(figures.received.values()) == received == 4
    assert figures.breaches == breaches


def test_every_section_has_a_sentence_or_says_it_has_no_data(desk_week):
    report = leadership.compute(Span.parse("month", "2026-11"), now=NOW)
    assert [s.key for s in report.sections] == [
        "volume", "times", "breaches", "backlog", "csat", "coverage", "paging", "risk",
        "themes", "presales", "hours",
    ]  # fmt: skip
    for section in report.sections:
        assert section.sentence or section.no_data, section.key
    by_key = {s.key: s for s in report.sections}
    assert by_key["themes"].no_data == "No feedback in the period."
    assert by_key["volume"].sentence.startswith("4 tickets received")
    assert len(report.trends[0].values) == 13
    assert report.trends[0].periods[-1] == "2026-11"
    assert report.last_year == ""  # no history a year back
    # Every figure links to what it counts, a month's too.
    assert [f.key for s in report.sections for f in s.figures if not f.link] == []


def test_queries_do_not_grow_with_the_tickets(desk_week):
    span = Span.parse("quarter", "2026-Q4")
    leadership.compute(span, now=NOW)
    with CaptureQueriesContext(connection) as first:
        leadership.compute(span, now=NOW)
    from tests.factories import make_ticket

    for _ in range(5):
        make_ticket(desk_week["t1"].requester, subject="More")
    leadership.compute(span, now=NOW)
    with CaptureQueriesContext(connection) as second:
        leadership.compute(span, now=NOW)
    assert len(second) == len(first)
    assert len(first) <= 200


def test_bad_periods_are_refused_in_words():
    with pytest.raises(ValueError, match="not a kind of period"):
        leadership.requested("year", "2026", NOW)
    with pytest.raises(ValueError, match="has not begun yet"):
        leadership.requested("quarter", "2027-Q2", NOW)


def test_page_markdown_csv_and_api_render_the_same_figures(desk_week, client):
    client.force_login(_lead())
    page = client.get("/desk/reports/leadership/?kind=month&period=2026-11")
    assert page.status_code == 200
    assert b"Volume and answered rate" in page.content and b"<svg" in page.content
    markdown = client.get("/desk/reports/leadership/report.md?kind=month&period=2026-11")
    assert "## Revenue at risk" in markdown.content.decode()
    # Each figure links to what it counts, absolute so that it works from an e-mail.
    assert (
        "[SLA breaches](http://testserver/desk/reports/leadership/figure/breaches/?kind=month&period=2026-11)"
        in markdown.content.decode()
    )
    csv = client.get("/desk/reports/leadership/report.csv?kind=month&period=2026-11")
    assert csv.content.decode().startswith("section,figure,value")
    assert "/desk/reports/leadership/figure/csat/?kind=month&period=2026-11" in csv.content.decode()
    listed = client.get("/desk/reports/leadership/figure/first_reply/?kind=month&period=2026-11")
    assert listed.status_code == 200 and b"How do I style clusters?" in listed.content
    assert client.get("/desk/reports/leadership/figure/nothing/?kind=month").status_code == 404
    assert (
        client.get("/desk/reports/leadership/figure/csat/?kind=month&period=2031-01").status_code
        == 400
    )
    bad = client.get("/desk/reports/leadership/?kind=year&period=2026")
    assert bad.status_code == 400 and b"not a kind of period" in bad.content


def _lead():
    from tests.factories import make_staff

    return make_staff("leader", ["lead"])


def test_coverage_gaps_are_the_hours_nobody_worked_and_what_arrived_then(db):
    from datetime import UTC, datetime, time

    from sunrelay.reports import leadership_coverage
    from sunrelay.reports.models import TicketFact
    from sunrelay.team.models import WorkingInterval
    from tests.factories import make_staff

    alba = make_staff("alba", roles=["support"], time_zone="UTC")
    WorkingInterval.objects.create(
        profile=alba.staff_profile, weekday=0, start=time(9), end=time(17)
    )
    monday = datetime(2026, 11, 16, tzinfo=UTC)  # a week: Monday 09-17 covered, 160 h not
    assert leadership_coverage.gaps(monday, monday + timedelta(days=7)).hours == 160
    make_staff("sam", roles=["sales"], time_zone="UTC")  # sales work no tickets: not counted
    gaps = leadership_coverage.gaps(monday, monday + timedelta(days=7))
    assert (gaps.hours, gaps.total_hours, gaps.people, gaps.tickets) == (160, 168, 1, 0)
    assert TicketFact.objects.count() == 0
    section = leadership_coverage.section(gaps, gaps, "the week before")
    assert section.sentence.startswith("Nobody was on shift for 160 hours of 168")


def test_the_other_apps_sections_read_the_same_period_a_year_earlier(desk_week):
    from datetime import UTC, date, datetime

    from sunrelay.projects.models import TimeEntry
    from tests.factories import make_ticket

    old = datetime(2025, 9, 1, 9, tzinfo=UTC)  # the desk's history reaches before 2025-Q4
    ticket = make_ticket(desk_week["t1"].requester, subject="Years ago", at=old)
    TimeEntry.objects.create(
        person=desk_week["keisha"],
        day=date(2025, 10, 6),
        minutes=90,
        ticket=ticket,
        logged_at=old,
        logged_by=desk_week["keisha"],
    )
    report = leadership.compute(Span.parse("quarter", "2026-Q4"), now=NOW)
    assert report.last_year == "2025-Q4"
    hours = _figure(report, "ticket_hours_per_person")
    assert hours.last_year == 1.5 and hours.last_year_shown == "1.5"
    assert _figure(report, "pages").last_year == 0  # a year of history, nobody paged
    assert _figure(report, "at_risk").last_year is None  # no health scores that old
    assert _figure(report, "project_hours").last_year == 0
