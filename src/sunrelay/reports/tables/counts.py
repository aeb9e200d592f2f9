"""The week's counts: the summary, the backlog by age, causes, growth and the trend."""

from __future__ import annotations

from sunrelay.reports import labels
from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import Count, WeeklyReport


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
        _count_row("Surveys answered (of asked)", r.csat.rated),
        _count_row("Rated good (of rated)", r.csat.good),
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


def feedback_themes(r: WeeklyReport) -> Table:
    return Table(
        "feedback_themes",
        "Feedback themes that grew",
        [
            Column("theme", "Theme", "text"),
            Column("status", "Status", "text"),
            Column("value", "New items this week"),
            Column("previous", "Week before"),
            Column("change", "Change", "signed"),
            Column("items", "Items in all"),
            Column("accounts", "Accounts"),
            Column("contacts", "Contacts"),
            Column("mrr", "MRR behind it ($)"),
            Column("enterprise", "Enterprise accounts"),
        ],
        [
            [
                t.name,
                t.status,
                t.value,
                t.previous,
                t.change,
                t.items,
                t.accounts,
                t.contacts,
                int(t.mrr.to_integral_value()),
                t.enterprise,
            ]
            for t in r.feedback_themes
        ],
        note="Product feedback themes with more new items than the week before; accounts, "
        "contacts and MRR over all their items. The tier filter applies to the items' "
        "accounts; region and agent do not apply to feedback.",
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
