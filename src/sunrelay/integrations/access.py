"""Who may do what with issue-tracker bugs, in one place.

- Everyone who works tickets (support, engineering's Response Team, SEs, customer engineers,
  leads) reads every bug and reviews, sends or drops the fixed notices.
- Sales read the bugs that hit the accounts they are account executive of, and of each bug
  only those accounts' tickets (accounts.permissions.visible_through_account); they send
  nothing. Customers and log-ins without a role see none.
- Leads set up outgoing webhooks and chat channels, read their deliveries and send one again,
  set up the link patterns, and import accounts and contacts from the CRM.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sunrelay.accounts.permissions import visible_through_account
from sunrelay.integrations.models import Bug, BugLink
from sunrelay.team.roles import is_lead, works_tickets


def visible_links(user, queryset: QuerySet | None = None) -> QuerySet[BugLink]:
    queryset = BugLink.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "ticket__account__")


def visible_bugs(user) -> QuerySet[Bug]:
    if works_tickets(user):
        return Bug.objects.all()
    return Bug.objects.filter(pk__in=visible_links(user).values("bug_id"))


def may_notify(user) -> bool:
    return works_tickets(user)


def check_notify(user) -> None:
    if not may_notify(user):
        raise PermissionDenied("Only support staff review and send the bug-fixed notices.")


def manages_webhooks(user) -> bool:
    """Outgoing webhooks carry every ticket's events to another system: leads set them up,
    read their delivery log and send again."""
    return is_lead(user)


def check_webhooks(user) -> None:
    if not manages_webhooks(user):
        raise PermissionDenied("Only a lead sets up outgoing webhooks.")


def check_crm_import(user) -> None:
    """Importing a CRM's accounts and contacts changes who is whose customer: leads only."""
    if not is_lead(user):
        raise PermissionDenied("Only a lead imports accounts and contacts from the CRM.")
