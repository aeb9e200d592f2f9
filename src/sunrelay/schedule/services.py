"""Follow-the-sun writes: route tickets to whoever is on shift, apply coverage plans when
someone's time off begins. Hand-offs are schedule.handoffs' and schedule.shift_ends'."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sunrelay.desk import left_behind
from sunrelay.desk import services as desk
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.schedule import routing
from sunrelay.schedule.roster import load_people
from sunrelay.schedule.shifts import Person
from sunrelay.team.models import Coverage, TimeOff


def open_loads() -> Counter:
    """Unsolved tickets per assignee id: the load routing balances."""
    rows = (
        Ticket.objects.filter(status__in=UNSOLVED_STATUSES, assignee__isnull=False)
        .values("assignee")
        .annotate(n=Count("id"))
    )
    return Counter({row["assignee"]: row["n"] for row in rows})


def covers_for(user_id: int, ticket: Ticket, today) -> list[int]:
    """Who covers `user_id` for this ticket today: the ticket's own row, its account's, the rest."""
    plans = Coverage.objects.filter(
        time_off__user_id=user_id, time_off__first_day__lte=today, time_off__last_day__gte=today
    ).values_list("ticket_id", "account_id", "cover_id")
    by_ticket = [c for t, a, c in plans if t == ticket.pk]
    by_account = [c for t, a, c in plans if t is None and a is not None and a == ticket.account_id]
    rest = [c for t, a, c in plans if t is None and a is None]
    return by_ticket + by_account + rest


def preferred_people(ticket: Ticket, people: list[Person], now: datetime) -> list[int]:
    account = ticket.account
    if account is None or not account.strategic or account.ce_id is None:
        return []
    ce = next((p for p in people if p.id == account.ce_id), None)
    if ce is None:
        return []
    today = now.astimezone(ce.calendar.zone).date()
    return [ce.id, *covers_for(ce.id, ticket, today)]


@transaction.atomic
def route(ticket: Ticket, now: datetime | None = None, people=None, loads=None) -> routing.Choice:
    """Assign an unassigned ticket to the right on-shift person; returns the choice made."""
    now = now or timezone.now()
    people = people if people is not None else load_people(now.date())
    loads = loads if loads is not None else open_loads()
    ticket = Ticket.objects.select_related("account").get(pk=ticket.pk)
    if ticket.assignee_id is not None or ticket.status not in UNSOLVED_STATUSES:
        return routing.Choice(None, "already assigned or solved")
    choice = routing.choose(
        people,
        level=ticket.level,
        now=now,
        loads=loads,
        preferred=preferred_people(ticket, people, now),
    )
    if choice.person is not None:
        User = get_user_model()
        desk.update_ticket(
            ticket, desk.SYSTEM, at=now, assignee=User.objects.get(pk=choice.person.id)
        )
        loads[choice.person.id] = loads.get(choice.person.id, 0) + 1
    return choice


@transaction.atomic
def apply_time_off(time_off: TimeOff, now: datetime | None = None) -> int:
    """Give the away person's open tickets to their covers (ticket, account, the rest), or to
    routing when the plan names nobody. Returns how many tickets moved."""
    now = now or timezone.now()
    time_off = TimeOff.objects.select_for_update().get(pk=time_off.pk)
    if time_off.applied_at is not None:
        return 0
    User = get_user_model()
    people = load_people(now.date())
    loads = open_loads()
    moved = 0
    for ticket in left_behind.open_tickets(time_off.user_id).select_related("account"):
        covers = covers_for(time_off.user_id, ticket, time_off.first_day)
        if covers:
            desk.update_ticket(ticket, desk.SYSTEM, at=now, assignee=User.objects.get(pk=covers[0]))
        else:
            desk.update_ticket(ticket, desk.SYSTEM, at=now, assignee=None)
            route(ticket, now, people=[p for p in people if p.id != time_off.user_id], loads=loads)
        moved += 1
    time_off.applied_at = now
    time_off.save(update_fields=["applied_at"])
    return moved
