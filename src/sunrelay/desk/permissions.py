"""Who may see and change tickets.

Staff in a working role see and work every ticket; sales read the tickets of the accounts
they are account executive of; everybody else sees nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sunrelay.accounts.permissions import visible_through_account
from sunrelay.desk.models import Ticket
from sunrelay.team.models import Role
from sunrelay.team.roles import roles_of, works_tickets


def visible_tickets(user, queryset=None):
    queryset = Ticket.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def can_view_ticket(user, ticket: Ticket) -> bool:
    if works_tickets(user):
        return True
    return (
        Role.SALES in roles_of(user)
        and ticket.account is not None
        and ticket.account.ae_id == user.pk
    )


def can_work_ticket(user, ticket: Ticket | None = None) -> bool:
    return works_tickets(user)


def check_can_work(user, ticket: Ticket | None = None) -> None:
    if not can_work_ticket(user, ticket):
        raise PermissionDenied("Only support staff can change tickets.")
