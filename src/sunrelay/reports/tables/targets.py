"""SLA attainment per target and the targets breached."""

from __future__ import annotations

from sunrelay.reports import labels
from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import WeeklyReport


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
