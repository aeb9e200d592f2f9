"""Who may read ratings: people who work tickets all of them, sales those of the accounts
they are account executive of, anybody else (and customers, who have the portal) none."""

from __future__ import annotations

from django.db.models import QuerySet

from sunrelay.accounts.permissions import visible_through_account
from sunrelay.csat.models import Survey


def visible_surveys(user, queryset: QuerySet[Survey] | None = None) -> QuerySet[Survey]:
    queryset = Survey.objects.all() if queryset is None else queryset
    return visible_through_account(user, queryset, "ticket__account__")
