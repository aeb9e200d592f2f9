"""Who may see and change accounts and contacts.

The same people as for tickets: staff in a working role see and edit every account; sales
read the accounts they are account executive of (and those accounts' contacts); everybody
else sees nothing. An account's team (its AE and CE) is named when the account is created;
changing it afterwards is for support leads, wherever the change is made.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sunrelay.accounts.models import Account, Contact
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead, roles_of, works_tickets


def visible_through_account(user, queryset, account_path: str):
    """The one rule, for anything that belongs to an account: workers see all, sales the
    rows of accounts they are account executive of (`account_path` leads to the account,
    "" when the queryset is of accounts), anybody else nothing."""
    if works_tickets(user):
        return queryset
    if Role.SALES in roles_of(user):
        return queryset.filter(**{f"{account_path}ae": user})
    return queryset.none()


def visible_accounts(user, queryset=None):
    return visible_through_account(
        user, Account.objects.all() if queryset is None else queryset, ""
    )


def visible_contacts(user, queryset=None):
    queryset = Contact.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def check_can_edit(user) -> None:
    if not works_tickets(user):
        raise PermissionDenied("Only support staff can change accounts and contacts.")


def can_change_team(user) -> bool:
    return is_lead(user)


def check_can_change_team(user) -> None:
    if not can_change_team(user):
        raise PermissionDenied("Only support leads can change an account's team.")
