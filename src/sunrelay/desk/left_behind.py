"""The work someone leaves behind while away, and the plan naming who covers it.

What is left behind is the person's open (unsolved) tickets and the accounts they look after
as customer engineer. One definition for the coverage plan (its page and set_coverage), the
customers' notice (mail.absence_notice) and the hand-over when the time off begins
(schedule.services.apply_time_off). Who may plan, and who may cover, are team.services' rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from sunrelay.accounts.models import Account
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.lib.formatting import person
from sunrelay.team.models import Coverage, TimeOff
from sunrelay.team.services import check_can_plan, cover_problem, local_today


def open_tickets(user_id: int) -> QuerySet[Ticket]:
    """The person's unsolved tickets: what their covers take while they are away."""
    return Ticket.objects.filter(assignee_id=user_id, status__in=UNSOLVED_STATUSES)


def is_open_ticket_of(ticket: Ticket, user_id: int) -> bool:
    """open_tickets()'s rule, for a ticket already read."""
    return ticket.assignee_id == user_id and ticket.status in UNSOLVED_STATUSES


def accounts_looked_after(user_id: int) -> QuerySet[Account]:
    """The accounts the person looks after as customer engineer."""
    return Account.objects.filter(ce_id=user_id)


def accounts_to_cover(user_id: int, tickets: Iterable[Ticket]) -> QuerySet[Account]:
    """The accounts a plan may give a cover of their own: those the person looks after, and
    those of their open `tickets` (as open_tickets() reads them)."""
    ticket_accounts = {t.account_id for t in tickets if t.account_id}
    return Account.objects.filter(Q(ce_id=user_id) | Q(pk__in=ticket_accounts)).distinct()


@transaction.atomic
def set_coverage(
    actor,
    time_off: TimeOff,
    *,
    rest=None,
    accounts: Mapping = {},  # noqa: B006 - read only
    tickets: Mapping = {},  # noqa: B006 - read only
    now: datetime | None = None,
) -> list[Coverage]:
    """Replace the coverage plan: `rest` covers whatever has no row of its own; `accounts`
    and `tickets` map an Account / an open Ticket of the person to the colleague covering it
    (None: no cover of its own)."""
    user = time_off.user
    check_can_plan(actor, user)
    if time_off.last_day < local_today(user, now):
        raise ValidationError("This time off is over: its plan stays as it was.")
    first, last = time_off.first_day, time_off.last_day
    errors: dict[str, list[str]] = {}
    if rest is not None and (problem := cover_problem(rest, user, first, last)):
        errors.setdefault("cover", []).append(problem)
    for account, cover in accounts.items():
        if cover is not None and (problem := cover_problem(cover, user, first, last)):
            errors.setdefault("accounts", []).append(f"{account.name}: {problem}")
    for ticket, cover in tickets.items():
        if not is_open_ticket_of(ticket, user.pk):
            errors.setdefault("tickets", []).append(
                f"#{ticket.pk} is not an open ticket of {person(user)}."
            )
        elif cover is not None and (problem := cover_problem(cover, user, first, last)):
            errors.setdefault("tickets", []).append(f"#{ticket.pk}: {problem}")
    if errors:
        raise ValidationError(errors)
    Coverage.objects.filter(time_off=time_off).delete()
    rows = [Coverage(time_off=time_off, cover=rest)] if rest is not None else []
    rows += [Coverage(time_off=time_off, cover=c, account=a) for a, c in accounts.items() if c]
    rows += [Coverage(time_off=time_off, cover=c, ticket=t) for t, c in tickets.items() if c]
    return Coverage.objects.bulk_create(rows)
