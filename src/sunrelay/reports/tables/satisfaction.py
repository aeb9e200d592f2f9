"""Customer satisfaction: the share good by tier, agent, level and skill level, the last
weeks, and the ratings themselves (the tickets behind every figure)."""

from __future__ import annotations

from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import CsatRow, WeeklyReport

FIGURES = [
    Column("good", "Good"),
    Column("rated", "Rated"),
    Column("asked", "Asked"),
    Column("share_good", "Good (of rated)", "share"),
    Column("response_rate", "Answered (of asked)", "share"),
]


def _figures(row: CsatRow) -> list:
    return [row.good, row.rated, row.asked, row.share_good, row.response_rate]


def groups(r: WeeklyReport) -> Table:
    return Table(
        "csat",
        "Customer satisfaction by tier, agent, level and skill level",
        [
            Column("dimension", "By", "text"),
            Column("group", "Group", "text"),
            *FIGURES,
            Column("tickets", "Rated tickets", "text"),
        ],
        [
            [g.label, row.label, *_figures(row), " ".join(f"#{t}" for t in row.tickets)]
            for g in r.csat.groups
            for row in g.rows
        ],
        note="Surveys of the week's solves; the group is the ticket's at its solve.",
    )


def weeks(r: WeeklyReport) -> Table:
    return Table(
        "csat_weeks",
        "Customer satisfaction, week by week",
        [Column("week", "Week", "text"), *FIGURES],
        [[row.label, *_figures(row)] for row in r.csat.weeks],
    )


def ratings(r: WeeklyReport) -> Table:
    return Table(
        "csat_ratings",
        "Ratings of the week",
        [
            Column("ticket", "Ticket", "ticket"),
            Column("subject", "Subject", "text"),
            Column("tier", "Tier", "text"),
            Column("agent", "Agent", "text"),
            Column("rating", "Rating", "text"),
            Column("comment", "Comment", "text"),
            Column("rated_at", "Rated", "time"),
        ],
        [
            [
                x.ticket.id,
                x.ticket.subject,
                x.ticket.tier,
                x.agent,
                x.rating.capitalize(),
                x.comment,
                x.rated_at,
            ]
            for x in r.csat.ratings
        ],
    )
