"""Writes of projects and hours. Each checks who may (projects.access), validates, writes in
one transaction and says what went wrong in words (django's ValidationError per field).

Time is whole minutes. A ticket's time entry is also its account's (technical account
management counts it), unless the ticket has no account.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.projects import access, rollup
from sunrelay.projects.models import (
    AccountBudget,
    Impact,
    Project,
    RunningTimer,
    Sprint,
    TimeEntry,
    WeekRank,
)

# One entry is at most a day: more is a typing mistake (minutes for hours).
MAX_ENTRY_MINUTES = 24 * 60
QUICK_MINUTES = 15
PROJECT_FIELDS = (
    "name", "objectives", "scope_will", "scope_will_not", "impact", "effort", "stakeholders",
    "requester", "rollout_plan", "support_plan", "maintainer", "status", "review_notes",
)  # fmt: skip


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _check_project(fields: dict) -> None:
    errors = {}
    if not (fields.get("name") or "").strip():
        errors["name"] = "Give the project a name."
    if not (fields.get("objectives") or "").strip():
        errors["objectives"] = "Say what the project is for: its objectives and outcomes."
    if fields.get("impact") not in Impact.values:
        errors["impact"] = (
            "Impact is 1 (widespread internal and external) to 4 (specific internal)."
        )
    if errors:
        raise ValidationError(errors)


def create_project(user, *, owner, leads=(), accounts=(), tickets=(), themes=(), at=None, **fields):
    """A new project on the template; `fields` are PROJECT_FIELDS (name, objectives, impact
    required). Only a lead gives it a budget (set_project_budget)."""
    access.check_work(user)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"Not project fields: {sorted(unknown)}")
    _check_project(fields)
    with transaction.atomic():
        project = Project.objects.create(
            owner=owner, created_by=user, created_at=at or timezone.now(), **fields
        )
        project.leads.set(leads)
        project.accounts.set(accounts)
        project.tickets.set(tickets)
        project.themes.set(themes)
    return project


def update_project(
    user, project: Project, *, leads=None, accounts=None, tickets=None, themes=None, **fields
):
    """Change the template's fields (and owner); lists given replace the links."""
    access.check_work(user)
    unknown = set(fields) - {*PROJECT_FIELDS, "owner"}
    if unknown:
        raise ValueError(f"Not project fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(project, name, value)
    _check_project({f: getattr(project, f) for f in ("name", "objectives", "impact")})
    with transaction.atomic():
        project.save()
        links = (("leads", leads), ("accounts", accounts), ("tickets", tickets), ("themes", themes))
        for relation, values in links:
            if values is not None:
                getattr(project, relation).set(values)
    return project


def sign_off_support(user, project: Project, *, at=None) -> Project:
    """The lead records that the support plan (who maintains the code) is agreed."""
    access.check_lead(user)
    if not project.support_plan.strip() or project.maintainer_id is None:
        raise ValidationError(
            {"support_plan": "Write the support plan and name its maintainer before signing off."}
        )
    project.support_signed_off_by = user
    project.support_signed_off_at = at or timezone.now()
    project.save(update_fields=["support_signed_off_by", "support_signed_off_at"])
    return project


def set_project_budget(user, project: Project, minutes: int | None) -> Project:
    access.check_lead(user)
    if minutes is not None and minutes < 0:
        raise ValidationError({"budget_minutes": "A budget is 0 minutes or more."})
    project.budget_minutes = minutes
    project.save(update_fields=["budget_minutes"])
    return project


def set_account_budget(user, account, monthly_minutes: int | None, *, at=None):
    """Technical account management hours per month; None removes the budget."""
    access.check_lead(user)
    if monthly_minutes is None:
        AccountBudget.objects.filter(account=account).delete()
        return None
    if monthly_minutes < 0:
        raise ValidationError({"monthly_minutes": "A budget is 0 minutes or more."})
    budget, _ = AccountBudget.objects.update_or_create(
        account=account,
        defaults={
            "monthly_minutes": monthly_minutes,
            "set_by": user,
            "set_at": at or timezone.now(),
        },
    )
    return budget


def add_sprint(user, project: Project, *, starts_on: date, weeks: int, goal: str) -> Sprint:
    access.check_work(user)
    errors = {}
    if weeks not in (1, 2):
        errors["weeks"] = "A sprint is 1 or 2 weeks."
    if starts_on.weekday() != 0:
        errors["starts_on"] = "Sprints start on a Monday."
    if not goal.strip():
        errors["goal"] = "Say what the sprint is for."
    if errors:
        raise ValidationError(errors)
    ends = starts_on + timedelta(weeks=weeks)
    for other in project.sprints.all():
        if other.starts_on < ends and starts_on < other.starts_on + timedelta(weeks=other.weeks):
            raise ValidationError({"starts_on": f"It overlaps the sprint from {other.starts_on}."})
    return Sprint.objects.create(project=project, starts_on=starts_on, weeks=weeks, goal=goal)


def set_week_order(user, week: date, projects: list[Project]) -> list[WeekRank]:
    """The lead's order of projects for the week of `week` (first is most important); replaces
    that week's order, leaves every other week's as it was."""
    access.check_lead(user)
    ids = [p.pk for p in projects]
    if len(set(ids)) != len(ids):
        raise ValidationError({"projects": "Name each project once."})
    week = monday(week)
    with transaction.atomic():
        WeekRank.objects.filter(week=week).delete()
        return WeekRank.objects.bulk_create(
            WeekRank(week=week, project=p, position=n, set_by=user)
            for n, p in enumerate(projects, 1)
        )


def log_time(
    user, *, person=None, day: date, minutes: int, project=None, ticket=None, account=None,
    billable: bool = False, note: str = "", at: datetime | None = None,
) -> tuple[TimeEntry, list[str]]:  # fmt: skip
    """Log `minutes` of `person` (default: `user`) on `day`; returns the entry and the budget
    warnings it raises (rollup.warnings_for), in words."""
    person = person or user
    access.check_log_for(user, person)
    errors = {}
    if not isinstance(minutes, int) or not 0 < minutes <= MAX_ENTRY_MINUTES:
        errors["minutes"] = f"Log 1 to {MAX_ENTRY_MINUTES} minutes (one day) per entry."
    if project is None and ticket is None and account is None:
        errors["project"] = "Say what the time was for: a project, a ticket or an account."
    if ticket is not None and account is not None and ticket.account_id not in (None, account.pk):
        errors["account"] = "The ticket belongs to another account."
    if ticket is not None and project is not None and not project.tickets.filter(pk=ticket.pk):
        errors["project"] = (
            f"Ticket #{ticket.pk} is not linked to {project.name}: link it on the project first."
        )
    if errors:
        raise ValidationError(errors)
    if ticket is not None and account is None:
        account = ticket.account
    entry = TimeEntry.objects.create(
        person=person, day=day, minutes=minutes, project=project, ticket=ticket, account=account,
        billable=billable, note=note.strip(), logged_by=user, logged_at=at or timezone.now(),
    )  # fmt: skip
    return entry, rollup.warnings_for(entry)


def delete_entry(user, entry: TimeEntry) -> None:
    access.check_log_for(user, entry.person)
    entry.delete()


def start_timer(user, ticket, *, at: datetime | None = None) -> RunningTimer:
    """Start (or restart on this ticket) the user's one timer; one running on another ticket
    is stopped first and its minutes logged there."""
    access.check_work(user)
    at = at or timezone.now()
    with transaction.atomic():
        if RunningTimer.objects.filter(person=user).exclude(ticket=ticket).exists():
            stop_timer(user, at=at)
        timer, _ = RunningTimer.objects.update_or_create(
            person=user, defaults={"ticket": ticket, "started_at": at}
        )
    return timer


def stop_timer(user, *, at: datetime | None = None) -> tuple[TimeEntry | None, list[str]]:
    """Stop the user's timer and log its minutes (a started minute counts) on its ticket,
    on the day it started in the user's time zone. No timer: nothing."""
    access.check_work(user)
    at = at or timezone.now()
    with transaction.atomic():
        timer = RunningTimer.objects.select_for_update().filter(person=user).first()
        if timer is None:
            return None, []
        minutes = max(1, math.ceil((at - timer.started_at).total_seconds() / 60))
        minutes = min(minutes, MAX_ENTRY_MINUTES)
        day = timezone.localdate(timer.started_at)
        ticket = timer.ticket
        timer.delete()
        return log_time(user, day=day, minutes=minutes, ticket=ticket, at=at)
