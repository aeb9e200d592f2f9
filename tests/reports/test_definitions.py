"""Each definition of docs/metrics.md on the hand-built week of conftest.py, exactly."""

from __future__ import annotations

import pytest

from sunrelay.reports import weekly
from sunrelay.reports.periods import Week
from sunrelay.reports.queries import Scope
from tests.reports.conftest import NOW, W47, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(desk_week):
    return weekly.compute(W47, now=NOW)


def counts(figure):
    return (figure.value, figure.previous, figure.change)


def test_volume_counts_tickets_not_messages(report):
    assert counts(report.received) == (3, 1, 2)
    # Answered: received this week and replied to in public before it ended (T2's reply
    # came on Monday, the week after).
    assert (report.answered.value, report.answered.total) == (1, 3)
    assert (report.answered.previous, report.answered.previous_total) == (1, 1)
    assert report.answered.share == pytest.approx(1 / 3)
    assert counts(report.replies) == (3, 1, 2)
    assert counts(report.replied_to) == (2, 1, 1)
    assert counts(report.solved) == (2, 1, 1)


def test_reopenings_and_the_reopen_rate(report):
    assert counts(report.reopened) == (1, 0, 1)
    rate = report.reopen_rate
    assert (rate.value, rate.total, rate.previous, rate.previous_total) == (1, 2, 0, 1)


def test_backlog_at_the_end_of_the_week_with_ages(report):
    backlog = report.backlog
    assert (backlog.count.value, backlog.count.previous) == (2, 0)
    assert backlog.at == W47.end
    ages = {b.key: b.value for b in backlog.ages}
    assert ages == {"under_1d": 0, "1d_3d": 1, "3d_7d": 1, "1w_4w": 0, "over_4w": 0}


def test_first_reply_in_business_and_calendar_time(report):
    first = report.first_reply
    assert first.n == 1
    assert (first.business.mean, first.calendar.mean) == (120, 120)
    assert (first.previous_business.mean, first.previous_calendar.mean) == (360, 360)
    assert first.change == -240
    assert (first.with_target, first.met, first.previous_with_target, first.previous_met) == (
        1,
        1,
        1,
        0,
    )
    key = report.key_first_reply
    assert (key.business.mean, key.targets, key.met, key.with_target) == (120, [240], 1, 1)


def test_next_reply_and_resolution_leave_out_the_time_waiting_on_the_customer(report):
    nxt = report.next_reply
    assert (nxt.n, nxt.business.mean, nxt.business.median, nxt.business.p90) == (2, 60, 60, 90)
    resolution = report.resolution
    # T1: 240 (the pending night excluded); T3: 600 business, 1,560 calendar, counted from
    # its creation the week before, without the four days it spent solved.
    assert (resolution.n, resolution.business.mean, resolution.business.p90) == (2, 420, 600)
    assert resolution.calendar.mean == 900


def test_sla_attainment_and_breaches(report):
    assert (report.sla_met.value, report.sla_met.total) == (5, 5)
    assert (report.sla_met.previous, report.sla_met.previous_total) == (1, 2)
    rows = {
        (r.policy, r.metric): (r.met, r.total, r.previous_met, r.previous_total) for r in report.sla
    }
    assert rows == {
        ("Enterprise & Partner", "first_reply"): (1, 1, 0, 1),
        ("Enterprise & Partner", "next_reply"): (2, 2, 0, 0),
        ("Enterprise & Partner", "resolution"): (2, 2, 1, 1),
    }
    assert counts(report.breaches) == (1, 1, 0)
    (breach,) = report.breach_list
    assert (breach.ticket.subject, breach.metric, breach.target_minutes) == (
        "Export stuck",
        "first_reply",
        480,
    )
    assert breach.breached_at == at(18, 17) and breach.stopped_at is None


def test_causes_bugs_handoffs_and_interesting_tickets(report):
    causes = {s.key: (s.value, s.previous) for s in report.causes}
    assert causes == {"product_bug": (1, 1), "question": (1, 0)}
    assert (report.bug_linked.value, report.bug_linked.total) == (1, 2)
    assert report.handoffs.count.value == 1
    (route,) = report.handoffs.routes
    assert (route.from_region, route.to_region, route.value) == ("Madrid", "New York", 1)
    assert [i.ticket.subject for i in report.interesting] == ["How do I style clusters?"]
    assert report.interesting[0].flagged_by == "Lucia"


def test_breakdowns_credit_the_replier_and_group_by_the_ticket(report):
    def rows(metric, dimension):
        (b,) = [b for b in report.breakdowns if (b.metric, b.dimension) == (metric, dimension)]
        return {r.label: (r.timing.n, r.timing.business.mean) for r in b.rows}

    assert rows("first_reply", "tier") == {"Enterprise": (1, 120)}
    assert rows("first_reply", "agent") == {"Alba": (1, 120)}
    assert rows("next_reply", "agent") == {"Alba": (1, 30), "Lucia": (1, 90)}
    assert rows("resolution", "strategic") == {"Strategic accounts": (2, 420)}
    assert rows("first_reply", "skill") == {"Beginner": (1, 120)}
    team = {r.name: (r.replies, r.tickets_replied, r.solved) for r in report.team}
    assert team == {"Alba": (2, 2, 1), "Lucia": (1, 1, 1)}  # Keisha's reply was the week after


def test_growth_and_the_trend_agree_with_the_headline(report):
    assert [(g.label, g.value, g.previous) for g in report.growth_accounts] == [
        ("Small Shop", 2, 0)
    ]
    last, before = report.trend[-1], report.trend[-2]
    assert (last.week, last.received, last.answered, last.solved, last.backlog) == (
        "2026-W47",
        3,
        1,
        2,
        2,
    )
    assert (before.received, before.solved, before.backlog) == (1, 1, 0)
    assert last.first_reply_mean == report.first_reply.business.mean
    assert last.by_tier == {"enterprise": 1, "free": 2}


def test_a_reply_after_the_weekend_counts_in_the_week_it_was_sent(desk_week):
    w48 = weekly.compute(Week.parse("2026-W48"), now=NOW)
    assert w48.as_of == NOW  # a week still running is measured up to now
    assert w48.first_reply.n == 1
    # Friday 16:00 to Monday 10:00: one business hour each side of the weekend.
    assert (w48.first_reply.business.mean, w48.first_reply.calendar.mean) == (120, 3960)
    # T2 was answered, not solved: both tickets are still unsolved.
    assert w48.received.value == 0 and w48.backlog.count.value == 2


def test_an_empty_week_says_so_and_divides_nothing_by_zero(office):
    report = weekly.compute(Week.parse("2026-W30"), now=NOW)
    assert report.received.value == 0 and report.answered.share is None
    assert report.first_reply.business.mean is None and report.first_reply.change is None
    assert report.reopen_rate.share is None
    assert report.summary[0] == "No tickets received this week or the week before."
    assert report.summary[1] == "No first replies this week or the week before."


def test_filters_select_tickets_by_tier_and_assignee(desk_week, agent):
    enterprise = weekly.compute(W47, Scope(tier="enterprise"), now=NOW)
    assert enterprise.received.value == 1 and enterprise.solved.value == 2
    assert enterprise.filters.description == "Enterprise tier"
    keisha = desk_week["keisha"]
    theirs = weekly.compute(W47, Scope(agent=keisha.pk), now=NOW)
    assert theirs.received.value == 1  # T4, handed to them
    assert theirs.handoffs.count.value == 1
    new_york = weekly.compute(W47, Scope(region="America/New_York"), now=NOW)
    assert new_york.received.value == 1 and new_york.backlog.count.value == 1
