"""The weekly prioritisation board: the open projects in the lead's order for one week, each
with its impact, effort, requester, the MRR of its linked accounts and its hours that week.

A week without its own order shows the latest earlier week's (said so on the page): the lead
re-orders from there; every week's order is kept as it was set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum

from sunrelay.projects import rollup
from sunrelay.projects.models import OPEN_STATUSES, TimeEntry, WeekRank
from sunrelay.projects.services import monday


@dataclass
class Board:
    week: date
    projects: list  # ranked first (project.position set), then the rest by impact
    ordered_in: date | None  # the week whose order is shown; None: no order yet


def board(projects_queryset, week: date) -> Board:
    week = monday(week)
    ranked_week = (
        WeekRank.objects.filter(week__lte=week).order_by("-week").values_list("week", flat=True)
    ).first()
    positions = dict(
        WeekRank.objects.filter(week=ranked_week).values_list("project_id", "position")
    )
    projects = list(
        projects_queryset.filter(status__in=OPEN_STATUSES)
        .select_related("requester")
        .annotate(linked_mrr=Sum("accounts__mrr"))
    )
    hours = rollup.sums(
        TimeEntry.objects.filter(
            project__in=projects, day__gte=week, day__lt=week + timedelta(days=7)
        ),
        "project",
    )
    for project in projects:
        project.position = positions.get(project.pk)
        project.week_minutes = hours.get(project.pk, 0)
        project.linked_mrr = project.linked_mrr or Decimal(0)
    projects.sort(key=lambda p: (p.position is None, p.position or 0, p.impact, p.name))
    return Board(week, projects, ranked_week)
