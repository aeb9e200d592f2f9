"""The contact cadence of an account: every how many days its CE is in touch, the last touch
and the next planned one, and whether it is overdue.

- Strategic accounts are on DEFAULT_STRATEGIC_DAYS (every other week) until someone sets
  theirs; other accounts have no cadence unless one is set.
- A touch recorded today plans the next one `every_days` later. A next touch set by hand
  wins until the following touch.
- Overdue: the next touch is before today (in the viewer's time zone: `today` is given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from sunrelay.lib import bounds
from sunrelay.success import access
from sunrelay.success.models import Cadence

DEFAULT_STRATEGIC_DAYS = 14
# The first cadence of an account that is not strategic, set by its first recorded touch.
DEFAULT_OTHER_DAYS = 28


@dataclass(frozen=True)
class Plan:
    """An account's cadence as pages show it (saved or the default)."""

    every_days: int | None
    last_touch: date | None
    next_touch: date | None
    overdue: bool
    saved: bool


def plan_for(account, today: date) -> Plan:
    row = Cadence.objects.filter(account=account).first()
    if row is None:
        every = DEFAULT_STRATEGIC_DAYS if account.strategic else None
        return Plan(every, None, None, False, False)
    overdue = row.next_touch is not None and row.next_touch < today
    return Plan(row.every_days, row.last_touch, row.next_touch, overdue, True)


def overdue_accounts(account_ids, today: date) -> set[int]:
    """Which of `account_ids` have a planned touch before `today`. One query."""
    found = Cadence.objects.filter(account_id__in=list(account_ids), next_touch__lt=today)
    return set(found.values_list("account_id", flat=True))


def set_cadence(account, actor, *, every_days: int, next_touch: date | None) -> Cadence:
    """Save the account's cadence (people who may give context on it)."""
    access.check_can_add_context(actor, account)
    if next_touch is not None:
        try:
            bounds.check_day(next_touch)
        except ValueError as exc:
            raise ValidationError({"next_touch": str(exc)}) from None
    with transaction.atomic():
        row, _ = Cadence.objects.select_for_update().get_or_create(
            account=account, defaults={"every_days": every_days}
        )
        row.every_days, row.next_touch, row.changed_by = every_days, next_touch, actor
        row.full_clean(exclude=["account", "changed_by"])
        row.save()
    return row


def record_touch(account, actor, today: date) -> Cadence:
    """The CE was in touch today: the next touch is planned a cadence later."""
    access.check_can_add_context(actor, account)
    with transaction.atomic():
        row = Cadence.objects.select_for_update().filter(account=account).first()
        if row is None:
            every = DEFAULT_STRATEGIC_DAYS if account.strategic else DEFAULT_OTHER_DAYS
            row = Cadence(account=account, every_days=every)
        row.last_touch = today
        row.next_touch = today + timedelta(days=row.every_days)
        row.changed_by = actor
        row.save()
    return row
