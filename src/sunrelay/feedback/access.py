"""Who may do what with product feedback, in one place.

- Everyone who works tickets (support, SEs, customer engineers, engineering, leads) reads every
  feedback item and theme, captures items, links them to themes, creates themes and accepts
  or rejects the clustering's suggestions.
- Sales read the items of the accounts they are account executive of, and the themes with
  only those items counted (accounts.permissions.visible_through_account); they change nothing.
- Leads (team.roles.is_lead; superusers too) review and send the shipped notice, and make or
  revoke the read-only share links for product.
- Customers, and logins without a role, see nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sunrelay.accounts.permissions import visible_through_account
from sunrelay.feedback.models import FeedbackItem, Theme
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead, roles_of, works_tickets


def visible_items(user, queryset: QuerySet | None = None) -> QuerySet[FeedbackItem]:
    queryset = FeedbackItem.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "account__")


def reads_themes(user) -> bool:
    return works_tickets(user) or Role.SALES in roles_of(user)


def visible_themes(user) -> QuerySet[Theme]:
    return Theme.objects.all() if reads_themes(user) else Theme.objects.none()


def curates(user) -> bool:
    return works_tickets(user)


def check_curate(user) -> None:
    if not curates(user):
        raise PermissionDenied("Only people who work tickets capture and group feedback.")


def check_lead(user) -> None:
    if not is_lead(user):
        raise PermissionDenied("Only a lead sends shipped notices and shares the themes.")
