"""Every table of the weekly report, once: the page, the e-mail, Markdown and CSV all read
these, so they show the same rows with the same numbers. A cell holds the raw value; its
Column says how it reads (reports.cells)."""

from __future__ import annotations

from sunrelay.reports import labels
from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import Count, Timing, WeeklyReport
from sunrelay.reports.metrics import HOURS_IN_WEEK

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# -- the tables -----------------------------------------------------------------------------


def _count_row(label: str, c: Count) -> list:
    return [label, c.value, c.previous, c.change, c.total, c.share, c.previous_share]


def summary(r: WeeklyReport) -> Table:
    rows = [
        _count_row("Tickets received", r.received),
        _count_row("Answered (of received)", r.answered),
        _count_row("Tickets replied to", r.replied_to),
        _count_row("Public replies", r.replies),
        _count_row("Tickets solved", r.solved),
        _count_row("Tickets reopened", r.reopened),
        _count_row("Solved after a reopening (of solved)", r.reopen_rate),
        _count_row("Unsolved at the end of the week", r.backlog.count),
        _count_row("SLA targets met (of clocks stopped)", r.sla_met),
        _count_row("SLA targets breached", r.breaches),
        _count_row("Hand-offs between regions", r.handoffs.count),
        _count_row("Solved tickets linked to a bug (of solved)", r.bug_linked),
        _count_row("Bug links added", r.bug_links_added),
        _count_row("Interesting tickets flagged", r.interesting_count),
    ]
    return Table(
        "summary",
        "The week in numbers",
        [
            Column("figure", "Figure", "text"),
            Column("value", "This week"),
            Column("previous", "Week before"),
            Column("change", "Change", "signed"),
            Column("of", "Of"),
            Column("share", "Share", "share"),
            Column("previous_share", "Share before", "share"),
        ],
        rows,
    )


def _timing_cells(t: Timing) -> list:
    return [
        t.n,
        t.business.mean,
        t.business.median,
        t.business.p90,
        t.calendar.mean,
        t.calendar.median,
        t.calendar.p90,
        t.previous_business.mean,
        t.change,
        f"{t.met:,} of {t.with_target:,}" if t.with_target else "",
    ]


TIMING_COLUMNS = [
    Column("n", "Measured"),
    Column("business_mean", "Mean (business)", "minutes"),
    Column("business_median", "Median (business)", "minutes"),
    Column("business_p90", "90th pct (business)", "minutes"),
    Column("calendar_mean", "Mean (calendar)", "minutes"),
    Column("calendar_median", "Median (calendar)", "minutes"),
    Column("calendar_p90", "90th pct (calendar)", "minutes"),
    Column("previous_mean", "Mean before (business)", "minutes"),
    Column("change", "Change of mean", "signed_minutes"),
    Column("within_target", "Within target", "text"),
]


def times(r: WeeklyReport) -> Table:
    tiers = labels.join_words([labels.tier(t) for t in r.key_tiers])
    rows = [
        ["First reply", *_timing_cells(r.first_reply)],
        [f"First reply, {tiers}", *_timing_cells(r.key_first_reply)],
        ["Next reply", *_timing_cells(r.next_reply)],
        ["Resolution", *_timing_cells(r.resolution)],
    ]
    return Table(
        "times",
        "Reply and resolution times",
        [Column("metric", "Metric", "text"), *TIMING_COLUMNS],
        rows,
        note="Waiting on the customer (pending, on hold) is left out, as the SLA clock does.",
    )


def breakdowns(r: WeeklyReport) -> list[Table]:
    return [
        Table(
            f"{b.metric}_by_{b.dimension}",
            f"{labels.METRICS[b.metric]} by {labels.DIMENSIONS[b.dimension].lower()}",
            [Column("key", labels.DIMENSIONS[b.dimension], "text"), *TIMING_COLUMNS],
            [[row.label, *_timing_cells(row.timing)] for row in b.rows],
        )
        for b in r.breakdowns
    ]


def backlog(r: WeeklyReport) -> Table:
    return Table(
        "backlog_ages",
        "Unsolved at the end of the week, by age",
        [
            Column("age", "Received", "text"),
            Column("value", "This week"),
            Column("previous", "Week before"),
        ],
        [[b.label, b.value, b.previous] for b in r.backlog.ages],
    )


def sla(r: WeeklyReport) -> Table:
    return Table(
        "sla",
        "SLA attainment per target",
        [
            Column("policy", "Policy", "text"),
            Column("metric", "Clock", "text"),
            Column("target", "Target", "minutes"),
            Column("clock", "Counted in", "text"),
            Column("met", "Met"),
            Column("total", "Stopped"),
            Column("share", "Share", "share"),
            Column("previous_met", "Met before"),
            Column("previous_total", "Stopped before"),
            Column("previous_share", "Share before", "share"),
        ],
        [
            [
                t.policy,
                labels.METRICS.get(t.metric, t.metric),
                t.target_minutes,
                "business time" if t.business else "calendar time",
                t.met,
                t.total,
                t.share,
                t.previous_met,
                t.previous_total,
                t.previous_share,
            ]
            for t in r.sla
        ],
    )


def breaches(r: WeeklyReport) -> Table:
    note = ""
    if r.breaches.value > len(r.breach_list):
        note = f"The first {len(r.breach_list):,} of {r.breaches.value:,}."
    return Table(
        "breaches",
        "Targets breached during the week",
        [
            Column("ticket", "Ticket", "ticket"),
            Column("subject", "Subject", "text"),
            Column("account", "Account", "text"),
            Column("tier", "Tier", "text"),
            Column("metric", "Clock", "text"),
            Column("target", "Target", "minutes"),
            Column("breached_at", "Breached", "time"),
            Column("stopped_at", "Stopped", "time"),
            Column("late", "Late by", "minutes"),
        ],
        [
            [
                b.ticket.id,
                b.ticket.subject,
                b.ticket.account,
                labels.tier(b.ticket.tier),
                labels.METRICS.get(b.metric, b.metric),
                b.target_minutes,
                b.breached_at,
                b.stopped_at,
                b.late_minutes,
            ]
            for b in r.breach_list
        ],
        note=note or "Stopped empty: still running at the end of the week.",
    )


def handoffs(r: WeeklyReport) -> list[Table]:
    return [
        Table(
            "handoff_routes",
            "Hand-offs between regions",
            [
                Column("from", "From", "text"),
                Column("to", "To", "text"),
                Column("value", "This week"),
                Column("previous", "Week before"),
            ],
            [[x.from_region, x.to_region, x.value, x.previous] for x in r.handoffs.routes],
        ),
        Table(
            "handoffs",
            "Tickets handed off",
            [
                Column("ticket", "Ticket", "ticket"),
                Column("subject", "Subject", "text"),
                Column("at", "At", "time"),
                Column("from", "From", "text"),
                Column("to", "To", "text"),
            ],
            [
                [
                    h.ticket.id,
                    h.ticket.subject,
                    h.at,
                    f"{h.from_agent} ({h.from_region})",
                    f"{h.to_agent} ({h.to_region})",
                ]
                for h in r.handoffs.items
            ],
        ),
    ]


def causes(r: WeeklyReport) -> Table:
    total = r.bug_linked.total or 0
    previous_total = r.bug_linked.previous_total or 0
    return Table(
        "causes",
        "Causes of the tickets solved",
        [
            Column("cause", "Cause", "text"),
            Column("value", "This week"),
            Column("share", "Share", "share"),
            Column("previous", "Week before"),
            Column("previous_share", "Share before", "share"),
        ],
        [
            [
                s.label,
                s.value,
                s.value / total if total else None,
                s.previous,
                s.previous / previous_total if previous_total else None,
            ]
            for s in r.causes
        ],
    )


def interesting(r: WeeklyReport) -> Table:
    return Table(
        "interesting",
        "Interesting tickets for the lightning talks",
        [
            Column("ticket", "Ticket", "ticket"),
            Column("subject", "Subject", "text"),
            Column("account", "Account", "text"),
            Column("tier", "Tier", "text"),
            Column("assignee", "Assignee", "text"),
            Column("status", "Status", "text"),
            Column("cause", "Cause", "text"),
            Column("flagged_by", "Flagged by", "text"),
            Column("flagged_at", "Flagged", "time"),
        ],
        [
            [
                i.ticket.id,
                i.ticket.subject,
                i.ticket.account,
                labels.tier(i.ticket.tier),
                i.ticket.assignee,
                i.status,
                labels.CAUSES.get(i.cause, i.cause),
                i.flagged_by,
                i.flagged_at,
            ]
            for i in r.interesting
        ],
    )


def growth(r: WeeklyReport) -> list[Table]:
    columns = [
        Column("name", "Name", "text"),
        Column("value", "This week"),
        Column("previous", "Week before"),
        Column("change", "Change", "signed"),
    ]
    return [
        Table(
            "growth_tags",
            "Tags that grew the most",
            columns,
            [[g.label, g.value, g.previous, g.change] for g in r.growth_tags],
        ),
        Table(
            "growth_accounts",
            "Accounts that grew the most",
            columns,
            [[g.label, g.value, g.previous, g.change] for g in r.growth_accounts],
        ),
    ]


def team(r: WeeklyReport) -> Table:
    return Table(
        "team",
        "The team",
        [
            Column("agent", "Agent", "text"),
            Column("region", "Region", "text"),
            Column("replies", "Public replies"),
            Column("previous_replies", "Replies before"),
            Column("tickets", "Tickets replied to"),
            Column("solved", "Solved"),
            Column("previous_solved", "Solved before"),
        ],
        [
            [
                a.name,
                a.region,
                a.replies,
                a.previous_replies,
                a.tickets_replied,
                a.solved,
                a.previous_solved,
            ]
            for a in r.team
        ],
    )


def trend(r: WeeklyReport) -> Table:
    tiers = [t for t in labels.TIERS if any(p.by_tier.get(t) for p in r.trend)]
    return Table(
        "trend",
        "Week by week",
        [
            Column("week", "Week", "text"),
            Column("received", "Received"),
            Column("answered", "Answered"),
            Column("solved", "Solved"),
            Column("backlog", "Unsolved at the end"),
            Column("first_reply_n", "First replies"),
            Column("first_reply_mean", "Mean first reply (business)", "minutes"),
            Column("first_reply_median", "Median first reply (business)", "minutes"),
            *[Column(f"received_{t}", f"Received, {labels.tier(t)}") for t in tiers],
        ],
        [
            [
                p.week,
                p.received,
                p.answered,
                p.solved,
                p.backlog,
                p.first_reply_n,
                p.first_reply_mean,
                p.first_reply_median,
                *[p.by_tier.get(t, 0) for t in tiers],
            ]
            for p in r.trend
        ],
    )


def coverage(r: WeeklyReport) -> Table:
    c = r.coverage
    return Table(
        "coverage",
        "Arrivals by hour of the week against staff on shift",
        [
            Column("hour", f"Hour ({c.zone})", "text"),
            Column("arrivals", "Tickets received"),
            *[Column(f"staff_{i}", f"On shift, {line.label}") for i, line in enumerate(c.regions)],
        ],
        [
            [
                f"{DAYS[h // 24]} {h % 24:02d}:00",
                c.arrivals[h],
                *[line.staff[h] for line in c.regions],
            ]
            for h in range(HOURS_IN_WEEK)
        ],
    )


def all_tables(r: WeeklyReport) -> list[Table]:
    """Every table, in the order the page shows them."""
    return [
        summary(r),
        times(r),
        backlog(r),
        sla(r),
        breaches(r),
        *handoffs(r),
        causes(r),
        interesting(r),
        *growth(r),
        team(r),
        trend(r),
        *breakdowns(r),
        coverage(r),
    ]


def by_name(r: WeeklyReport) -> dict[str, Table]:
    return {t.name: t for t in all_tables(r)}
