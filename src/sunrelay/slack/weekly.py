"""Team channel questions in the weekly review: asked, answered (and the share), and the
median time to the first answer, for the week and the week before. Registered with
reports.contributed in SlackConfig.ready() (reports sits below slack and never imports it).

Left out when the review is filtered (the questions belong to no tier, region or agent) and
when no team channel is set and the two weeks have no question. One query for the two weeks,
one for the installation.
"""

from __future__ import annotations

from statistics import median

from sunrelay.reports import contributed
from sunrelay.reports.contributed import ContributedColumn, ContributedSection
from sunrelay.slack.models import Installation, TeamQuestion

COLUMNS = [
    ContributedColumn("asked", "Questions asked"),
    ContributedColumn("answered", "Answered"),
    ContributedColumn("answered_share", "Answered (of asked)", "share"),
    ContributedColumn("median_first_answer", "First answer (median)", "minutes"),
]


def _figures(rows) -> list:
    waits = [(answer - asked).total_seconds() / 60 for asked, answer in rows if answer]
    answered_share = len(waits) / len(rows) if rows else None
    return [len(rows), len(waits), answered_share, median(waits) if waits else None]


def section(week, previous, scope) -> ContributedSection | None:
    if scope.tier or scope.region or scope.agent is not None:
        return None
    rows = list(
        TeamQuestion.objects.filter(
            asked_at__gte=previous.start, asked_at__lt=week.end
        ).values_list("asked_at", "first_answer_at")
    )
    this = [(a, f) for a, f in rows if a >= week.start]
    before = [(a, f) for a, f in rows if a < week.start]
    channel_set = Installation.objects.exclude(team_channel="").exists()
    if not rows and not channel_set:
        return None
    return ContributedSection(
        "slack_team_questions",
        "Team channel questions (Slack)",
        COLUMNS,
        _figures(this),
        _figures(before),
        note="Questions to a user group in the team Slack channel, by the week they were asked;"
        " the first answer is the first reply in the thread by someone else, in calendar time.",
    )


def register() -> None:
    contributed.register("slack", section)
