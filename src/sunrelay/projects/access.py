"""Who may see and do what with projects and hours: the one place of these rules.

- Projects: everyone who works tickets reads them all; sales read the projects linked to an
  account they are account executive of; nobody else any (customers never).
- Everyone who works tickets opens and edits projects, plans sprints and logs time. Time is
  logged for oneself; a lead may log it for anyone and correct anyone's entry.
- Time entries: workers read them all; sales those on their accounts.
- The lead (team.roles.is_lead; superusers too) orders the week's projects, sets budgets and
  signs off a project's support plan; hours reports are for the people who work tickets.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet

from sunrelay.accounts.permissions import visible_through_account
from sunrelay.projects.models import Project, TimeEntry
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead, roles_of, works_tickets


def visible_projects(user, queryset: QuerySet | None = None) -> QuerySet[Project]:
    queryset = Project.objects.all() if queryset is None else queryset
    if works_tickets(user):
        return queryset
    if Role.SALES in roles_of(user):
        theirs = Project.accounts.through.objects.filter(project=OuterRef("pk"), account__ae=user)
        return queryset.filter(Exists(theirs))
    return queryset.none()


def visible_entries(user, queryset: QuerySet | None = None) -> QuerySet[TimeEntry]:
    queryset = TimeEntry.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def works(user) -> bool:
    """Opens and edits projects, plans sprints, logs time."""
    return works_tickets(user)


def check_work(user) -> None:
    if not works(user):
        raise PermissionDenied("Only the people who work tickets change projects and log time.")


def check_log_for(user, person) -> None:
    """`user` may log (or correct) time of `person`: their own, or anyone's as a lead."""
    check_work(user)
    if person.pk != user.pk and not is_lead(user):
        raise PermissionDenied("You log your own time; only a lead logs it for someone else.")


def leads(user) -> bool:
    return is_lead(user)


def check_lead(user) -> None:
    if not is_lead(user):
        raise PermissionDenied("Only a lead orders projects, sets budgets and signs off.")


def reads_reports(user) -> bool:
    return works_tickets(user)


def check_reports(user) -> None:
    if not reads_reports(user):
        raise PermissionDenied("Hours reports are for the people who work tickets.")
