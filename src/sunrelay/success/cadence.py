"""The contact cadence of an account: every how many days its CE is in touch, the last touch
and the next planned one, and whether it is overdue.

- Strategic accounts are on DEFAULT_STRATEGIC_DAYS (every other week) until someone sets
  theirs; other accounts have no cadence unless one is set.
- A touch (a call, meeting or e-mail logged by hand, or a public reply of the account's AE or
  CE seen on the desk) plans the next one `every_days` later. A next touch set by hand wins
  until the following touch.
- Overdue: the next touch is before today (in the viewer's time zone: `today` is given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from sunrelay.lib import bounds
from sunrelay.success import access
from sunrelay.success.models import MAX_LINE, Cadence, Touch, TouchKind

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


def record_touch(
    account, actor, today: date, *, kind: str = TouchKind.CALL, note: str = "", ticket=None
) -> Touch:
    """The team was in touch on `today` (a call by default): the touch is logged and the next
    one planned a cadence later. People who may give context on the account. Replies on
    tickets are not logged by hand: the desk counts them (seen_reply)."""
    access.check_can_add_context(actor, account)
    if kind == TouchKind.REPLY:
        raise ValidationError({"kind": "Replies on tickets are counted by the desk itself."})
    if kind not in TouchKind.values:
        raise ValidationError({"kind": f"A touch is one of: {', '.join(TouchKind.values)}."})
    note = " ".join((note or "").split())
    if len(note) > MAX_LINE:
        raise ValidationError({"note": f"Say it in {MAX_LINE} characters at most."})
    try:
        bounds.check_day(today)
    except ValueError as exc:
        raise ValidationError({"on": str(exc)}) from None
    return _touched(account, actor, today, kind, note, ticket)


def seen_reply(account, author, on: date, ticket) -> None:
    """A public reply of the account's AE or CE on the desk counts as a touch (one per person
    and day): success.listeners calls this."""
    if author is None or author.pk not in (account.ae_id, account.ce_id):
        return
    if Touch.objects.filter(account=account, kind=TouchKind.REPLY, on=on, by=author).exists():
        return
    _touched(account, author, on, TouchKind.REPLY, "", ticket, plan=account.strategic)


def _touched(account, actor, on: date, kind: str, note: str, ticket, plan: bool = True) -> Touch:
    """Log the touch and move the account's cadence; without a cadence yet, start one only
    when `plan` (a reply on a non-strategic account starts no plan nobody asked for)."""
    with transaction.atomic():
        touch = Touch.objects.create(
            account=account, kind=kind, on=on, by=actor, note=note, ticket=ticket
        )
        row = Cadence.objects.select_for_update().filter(account=account).first()
        if row is None and not plan:
            return touch
        if row is None:
            every = DEFAULT_STRATEGIC_DAYS if account.strategic else DEFAULT_OTHER_DAYS
            row = Cadence(account=account, every_days=every)
        if row.last_touch is None or on >= row.last_touch:  # a touch logged late plans nothing
            row.last_touch = on
            row.next_touch = on + timedelta(days=row.every_days)
        row.changed_by = actor
        row.save()
    return touch


def recent_touches(account, shown: int = 20):
    return Touch.objects.filter(account=account).select_related("by", "ticket")[:shown]
