"""Who may do what with pre-sales, in one place.

- Everyone who works tickets (support, SEs, customer engineers, engineering, leads) reads every
  opportunity; support reads them on the account page too. Sales read the opportunities of the
  accounts they are account executive of (accounts.permissions.visible_through_account), nobody
  else any.
- SEs and leads manage opportunities: create, confirm the checklist, log engagements, record the
  technical result and the outcome.
- The SE lead is whoever holds the lead role (team.roles.is_lead; superusers too): only they
  assign an SE and set the overload threshold.
- Sales create opportunities on their own accounts, confirm their checklist, ask for an SE and
  record the outcome of their own accounts' opportunities.
- Feedback after a meeting comes from the opportunity's AE (to the SE) or its SE (to the AE).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sunrelay.accounts.models import Account
from sunrelay.accounts.permissions import visible_through_account
from sunrelay.presales.models import Direction, Opportunity
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead, roles_of


def visible_opportunities(user, queryset: QuerySet | None = None) -> QuerySet[Opportunity]:
    queryset = Opportunity.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def manages(user) -> bool:
    return Role.SOLUTIONS in roles_of(user) or is_lead(user)


def sells(user, account: Account) -> bool:
    return Role.SALES in roles_of(user) and account.ae_id == user.pk


def may_open(user, account: Account) -> bool:
    """May create an opportunity on `account`, confirm its checklist, ask for an SE."""
    return manages(user) or sells(user, account)


def check_may_sell(user) -> None:
    """May open opportunities at all (on some account): SEs, leads and sales."""
    if not (manages(user) or Role.SALES in roles_of(user)):
        raise PermissionDenied("Only SEs, leads and sales open opportunities.")


def check_open(user, account: Account) -> None:
    if not may_open(user, account):
        raise PermissionDenied(
            "Only SEs, leads and the account's executive can change its opportunities."
        )


def check_manage(user) -> None:
    if not manages(user):
        raise PermissionDenied("Only solutions engineers and leads can do this.")


def assigns(user) -> bool:
    """The SE lead: assigns SEs and sets the overload threshold."""
    return is_lead(user)


def check_assign(user) -> None:
    if not assigns(user):
        raise PermissionDenied("Only the SE lead assigns solutions engineers.")


def feedback_direction(user, opportunity: Opportunity) -> str:
    """The way `user`'s feedback on `opportunity` goes; refused when they are neither its AE
    nor its SE."""
    if opportunity.ae_id == user.pk:
        return Direction.AE_TO_SE
    if opportunity.se_id is not None and opportunity.se_id == user.pk:
        return Direction.SE_TO_AE
    raise PermissionDenied("Feedback comes from the opportunity's AE or its SE.")


def check_configure(user) -> None:
    """The qualification checklist is the lead's to set up (SEs and sales follow it)."""
    if not is_lead(user):
        raise PermissionDenied("Only a lead sets up the qualification checklist.")
