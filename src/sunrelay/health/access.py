"""Who may see and do what with customer health, in one place.

- Scores, explanations, alerts and the at-risk list: people who work tickets read every
  account's; sales the accounts they are account executive of
  (accounts.permissions.visible_through_account); anybody else, customers included, nothing.
- Scorecards (measures, weights, bands, rules) are read by everyone with a role and set up
  by leads (the desk's set-up pages, health/setup.py; the admin too).
- Telemetry (the API, CSV import) and scoring an account now: people who work tickets.
- An alert's task is closed by its assignee (the account's CE) or a lead.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sunrelay.accounts.permissions import visible_accounts, visible_through_account
from sunrelay.health.models import HealthAlert, HealthScore
from sunrelay.team.roles import is_lead, is_staff_member, works_tickets


def health_accounts(user, queryset: QuerySet | None = None) -> QuerySet:
    """The accounts whose health `user` may see."""
    return visible_accounts(user, queryset)


def visible_scores(user, queryset: QuerySet | None = None) -> QuerySet[HealthScore]:
    queryset = HealthScore.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def visible_alerts(user, queryset: QuerySet | None = None) -> QuerySet[HealthAlert]:
    queryset = HealthAlert.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def check_can_read_scorecards(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied("Scorecards are for people with a role in Sunrelay.")


def can_set_up(user) -> bool:
    return is_lead(user)


def check_can_set_up(user) -> None:
    if not can_set_up(user):
        raise PermissionDenied("Only a lead sets up scorecards and alert rules.")


def can_feed(user) -> bool:
    return works_tickets(user)


def check_can_feed(user) -> None:
    if not can_feed(user):
        raise PermissionDenied("Only people who work tickets send telemetry or score accounts.")


def can_close(user, alert: HealthAlert) -> bool:
    return (alert.assignee_id is not None and alert.assignee_id == user.pk) or is_lead(user)


def check_can_close(user, alert: HealthAlert) -> None:
    if not can_close(user, alert):
        raise PermissionDenied("The account's customer engineer or a lead closes this task.")
