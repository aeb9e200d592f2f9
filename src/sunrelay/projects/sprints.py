"""Hours per sprint: which sprint a time entry falls in, the minutes of each sprint, and each
sprint's share of its project's budget — all whole minutes, exact.

An entry is a sprint's when it is on the sprint's project and its day is within the sprint's
weeks (a project's sprints never overlap, so there is at most one). Entries on no project, or
on a day no sprint of theirs covers, are "not in a sprint" (key None).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet, Sum

from sunrelay.projects.models import Project, Sprint, TimeEntry

NOT_IN_A_SPRINT = "Not in a sprint"


def ends(sprint: Sprint):
    """The first day after the sprint."""
    return sprint.starts_on + timedelta(weeks=sprint.weeks)


def sprint_sums(entries: QuerySet[TimeEntry]) -> dict[int | None, int]:
    """{sprint id: minutes} of `entries`; those in no sprint under None. The database sums
    per project and day (two queries in all); days are then given to their sprints."""
    per_day = (
        entries.order_by()
        .values("project_id", "day")
        .annotate(total=Sum("minutes"))
        .values_list("project_id", "day", "total")
    )
    per_day = list(per_day)
    projects = {project_id for project_id, _day, _total in per_day if project_id is not None}
    windows: dict[int, list[Sprint]] = {}
    for sprint in Sprint.objects.filter(project__in=projects).only(
        "pk", "project_id", "starts_on", "weeks"
    ):
        windows.setdefault(sprint.project_id, []).append(sprint)
    found: dict[int | None, int] = {}
    for project_id, day, total in per_day:
        key = next(
            (s.pk for s in windows.get(project_id, ()) if s.starts_on <= day < ends(s)), None
        )
        found[key] = found.get(key, 0) + total
    return found


def labels(ids) -> dict[int, str]:
    found = (
        Sprint.objects.filter(pk__in=ids)
        .select_related("project")
        .only("pk", "starts_on", "weeks", "project__name")
    )
    return {
        s.pk: f"{s.project.name}: sprint of {s.starts_on:%-d %b %Y}, {s.weeks} wk" for s in found
    }


def budget_shares(budget: int, sprints: list[Sprint]) -> dict[int, int]:
    """The project's `budget` (minutes) shared among its sprints by their weeks: whole minutes
    that add up to the budget exactly (each share is the difference of the rounded-down
    running totals, so no minute is lost or counted twice)."""
    weeks = sum(s.weeks for s in sprints)
    if not weeks:
        return {}
    shares, before, running = {}, 0, 0
    for sprint in sorted(sprints, key=lambda s: (s.starts_on, s.pk)):
        running += sprint.weeks
        upto = budget * running // weeks
        shares[sprint.pk] = upto - before
        before = upto
    return shares


def sprint_budgets(ids, until) -> dict[int, tuple[int, int]]:
    """{sprint id: (its share of the project's budget, all the minutes it has taken before
    `until`)} for the sprints among `ids` whose project has a budget."""
    projects = Project.objects.filter(sprints__in=ids, budget_minutes__isnull=False).distinct()
    budgets = dict(projects.values_list("pk", "budget_minutes"))
    if not budgets:
        return {}
    siblings = list(Sprint.objects.filter(project__in=budgets))
    spent = sprint_sums(TimeEntry.objects.filter(project__in=budgets, day__lt=until))
    found = {}
    for project_id, budget in budgets.items():
        shares = budget_shares(budget, [s for s in siblings if s.project_id == project_id])
        for sprint_id, share in shares.items():
            if sprint_id in ids:
                found[sprint_id] = (share, spent.get(sprint_id, 0))
    return found


def project_sprints(project: Project, entries: QuerySet[TimeEntry]) -> tuple[list[dict], int]:
    """The project's sprints with the minutes of `entries` in each and the sprint's share of
    the budget (None: no budget); last, the time outside every sprint, if any."""
    sprints = list(project.sprints.all())
    minutes = sprint_sums(entries.filter(project=project))
    shares = (
        budget_shares(project.budget_minutes, sprints) if project.budget_minutes is not None else {}
    )
    rows = []
    for sprint in sprints:
        spent, share = minutes.get(sprint.pk, 0), shares.get(sprint.pk)
        over_by = 0 if share is None else max(0, spent - share)
        rows.append(
            {"sprint": sprint, "ends": ends(sprint), "minutes": spent, "share": share,
             "over": over_by > 0, "over_by": over_by}
        )  # fmt: skip
    outside = minutes.get(None, 0)
    return rows, outside
