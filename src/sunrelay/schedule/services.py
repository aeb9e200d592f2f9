"""Follow-the-sun writes: route tickets to whoever is on shift, hand work to the next region,
apply coverage plans when someone's time off begins."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sunrelay.desk import left_behind
from sunrelay.desk import services as desk
from sunrelay.desk.models import UNSOLVED_STATUSES, Status, Ticket
from sunrelay.schedule import routing
from sunrelay.schedule.models import Handoff, HandoffNote
from sunrelay.schedule.roster import load_people
from sunrelay.schedule.shifts import Person
from sunrelay.team.models import Coverage, TimeOff

# A shift ending within this window hands its urgent work over.
HANDOFF_LEAD = timedelta(minutes=30)
# Statuses a hand-off moves: the customer is not the one we wait for.
HANDOFF_STATUSES = (Status.NEW, Status.OPEN)


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


def summary(
    ticket: Ticket, person: Person, deadline: datetime | None, metric: str, now: datetime
) -> str:
    """The generated hand-off note: state, deadline and the last word from the customer."""
    last = ticket.messages.filter(kind="customer").order_by("-created_at").first()
    lines = [
        f"Handed off by Sunrelay: {person.name}'s shift in {person.location or person.region} ends "
        f"{now:%H:%M} UTC and they are back after the next deadline.",
        f"Status {ticket.status}, priority {ticket.priority}, level {ticket.get_level_display()}.",
    ]
    if deadline is not None:
        hours = (deadline - now).total_seconds() / 3600
        lines.append(
            f"Next deadline: {metric.replace('_', ' ')} at {deadline:%Y-%m-%d %H:%M} UTC (in {hours:.1f} h)."
        )
    if last is not None:
        ago = (now - last.created_at).total_seconds() / 3600
        excerpt = " ".join(last.body_text.split())[:200]
        lines.append(f"Last customer message {ago:.1f} h ago: “{excerpt}”")
    return "\n".join(lines)


def hand_off_ending_shifts(now: datetime | None = None) -> list[Handoff]:
    """Hand each ticket whose next deadline falls before its agent's next shift to an
    on-shift agent in another region, for every shift that ends within HANDOFF_LEAD."""
    now = now or timezone.now()
    people = load_people(now.date())
    loads = open_loads()
    done: list[Handoff] = []
    for person in people:
        end = person.shift_end(now)
        if end is None or end - now > HANDOFF_LEAD:
            continue
        back = person.next_shift_start(now)
        tickets = (
            Ticket.objects.filter(assignee_id=person.id, status__in=HANDOFF_STATUSES)
            .select_related("account", "urgency")
            .order_by("urgency__urgency_at")
        )
        for ticket in tickets:
            urgency = getattr(ticket, "urgency", None)
            deadline = urgency.next_deadline if urgency else None
            if deadline is None or (back is not None and deadline >= back):
                continue  # nothing due, or it can wait until they are back
            handoff = _hand_off(
                ticket, person, people, loads, end, deadline, urgency.next_metric, now
            )
            if handoff is not None:
                done.append(handoff)
    return done


@transaction.atomic
def _hand_off(ticket, person, people, loads, end, deadline, metric, now) -> Handoff | None:
    # Whoever takes it must still be on shift a minute after this shift ends.
    choice = routing.choose(
        people,
        level=ticket.level,
        now=end + timedelta(minutes=1),
        loads=loads,
        exclude=frozenset({person.id}),
        regions_to_avoid=frozenset({person.region}),
    )
    receiver = choice.person
    if receiver is None:
        return None
    written = (
        HandoffNote.objects.filter(ticket=ticket, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    text = written.text if written else summary(ticket, person, deadline, metric, now)
    User = get_user_model()
    author = User.objects.get(pk=person.id) if written else None
    desk.system_note(ticket, f"Hand-off note for {receiver.name}:\n{text}", author=author, at=now)
    desk.update_ticket(ticket, desk.SYSTEM, at=now, assignee=User.objects.get(pk=receiver.id))
    desk.record_handoff(ticket, person.id, receiver.id, person.region, receiver.region, at=now)
    if written:
        written.used_at = now
        written.save(update_fields=["used_at"])
    loads[receiver.id] = loads.get(receiver.id, 0) + 1
    loads[person.id] = max(loads.get(person.id, 1) - 1, 0)
    return Handoff.objects.create(
        ticket=ticket,
        at=now,
        from_user_id=person.id,
        to_user_id=receiver.id,
        from_region=person.region,
        to_region=receiver.region,
        next_deadline=deadline,
        note=text,
        generated=written is None,
    )


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
