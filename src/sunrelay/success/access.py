"""Who may see and do what in customer engineering: the one place of these rules.

- Account teams and capacity: everyone with a role reads them (sales: the accounts they are
  account executive of); leads change a team.
- Context notes: people who work tickets read and write them all; sales those on their
  accounts (and tickets of them). Customers never: no portal page, mail or API reads them.
- The contact cadence: whoever may give context on the account.
- Rituals: everyone with a role reads the agendas (through the rules above and the desk's);
  people who work tickets write the meeting notes.
- Support requests: people who work tickets read them all; sales their accounts' and the ones
  they filed. Anyone with a role files one (sales on their accounts); the head of support
  (leads) accepts, declines, answers and closes them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from sunrelay.accounts.permissions import (
    can_change_team,
    check_can_change_team,
    visible_accounts,
    visible_through_account,
)
from sunrelay.success.models import ContextNote, SupportRequest
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead, is_staff_member, roles_of, works_tickets


def team_accounts(user, queryset: QuerySet | None = None) -> QuerySet:
    """The accounts whose team `user` may see (the capacity view counts these only)."""
    return visible_accounts(user, queryset)


can_pair = can_change_team
check_can_pair = check_can_change_team


def visible_notes(user, queryset: QuerySet[ContextNote] | None = None) -> QuerySet[ContextNote]:
    queryset = ContextNote.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def check_can_add_context(user, account) -> None:
    """Workers on any account (or none); sales on the accounts they are AE of."""
    if works_tickets(user):
        return
    if Role.SALES in roles_of(user) and account is not None and account.ae_id == user.pk:
        return
    raise PermissionDenied("You can add support context only on the accounts you look after.")


def visible_requests(
    user, queryset: QuerySet[SupportRequest] | None = None
) -> QuerySet[SupportRequest]:
    queryset = SupportRequest.objects.all() if queryset is None else queryset
    if works_tickets(user):
        return queryset
    if Role.SALES in roles_of(user):
        return queryset.filter(Q(account__ae=user) | Q(requester=user))
    return queryset.none()


def check_can_request(user, account) -> None:
    """Anyone with a role; sales only for their accounts (or without an account)."""
    if works_tickets(user):
        return
    if is_staff_member(user) and (account is None or account.ae_id == user.pk):
        return
    raise PermissionDenied("You can file requests only for the accounts you look after.")


def can_decide(user) -> bool:
    return is_lead(user)


def check_can_decide(user) -> None:
    if not can_decide(user):
        raise PermissionDenied("Only the head of support (a lead) answers support requests.")


def check_can_read_rituals(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied("The rituals are for people with a role in Sunrelay.")


def can_write_notes(user) -> bool:
    return works_tickets(user)


def check_can_write_notes(user) -> None:
    if not can_write_notes(user):
        raise PermissionDenied("Meeting notes are written by the people who work tickets.")
