"""Tickets by name: hand-offs between regions and the interesting ones."""

from __future__ import annotations

from sunrelay.reports import labels
from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import WeeklyReport


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
