"""Follow-the-sun hand-offs: at the end of a shift, "hand off now", "take it back", and the
hand-back when the owner is on shift again. Every hand-off is temporary (schedule.holds).

The rules (docs/sla.md, "Follow the sun"):

- Within HANDOFF_LEAD of the end of a shift, a new or open ticket of the person leaving is
  handed over only when a running SLA clock is due after now and before its owner is back on
  shift. Everything else stays with its owner. A deadline already missed stays too: handing
  it over does not meet it, and at every later shift end it would be "due before the owner is
  back" again, which is how tickets went round the world.
- The owner is the assignee, or for a ticket already handed over, the hold's owner: a held
  ticket is handed on under the same rule, measured against the owner's return, and keeps its
  owner. When its owner is on shift as the holder leaves, it goes back to the owner instead.
- The receiver works the ticket's level, is on shift a minute after the shift ends, in
  another region, and holds fewer tickets for colleagues than the lead's cap
  (routing.choose_holder). When nobody qualifies the ticket stays with its owner.
- The owner gets the ticket back when on shift again at or after the hold's `until`
  (hand_back_due, a worker drain), or by taking it back. Each step writes its events through
  desk.services: the assignment, "handed off" and "handed back".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.lib.formatting import person as name_of
from sunrelay.schedule import holds, notes, routing
from sunrelay.schedule.models import Handoff, HandoverEnd
from sunrelay.schedule.roster import load_people
from sunrelay.schedule.services import open_loads
from sunrelay.sla.clock import State
from sunrelay.sla.models import TicketSla
from sunrelay.team.roles import works_tickets

logger = logging.getLogger("sunrelay.schedule")

RUNNING_STATES = (State.OK, State.WARNING, State.BREACHED)


@dataclass(frozen=True)
class Due:
    deadline: datetime
    metric: str


def next_due(ticket_ids, now: datetime) -> dict[int, Due]:
    """Each ticket's earliest running SLA deadline still ahead of `now` (none: not listed)."""
    rows = (
        TicketSla.objects.filter(
            ticket_id__in=list(ticket_ids),
            state__in=RUNNING_STATES,
            stopped_at__isnull=True,
            deadline__gt=now,
        )
        .order_by("deadline")
        .values_list("ticket_id", "deadline", "metric")
    )
    result: dict[int, Due] = {}
    for ticket_id, deadline, metric in rows:
        result.setdefault(ticket_id, Due(deadline, metric))
    return result


def local(moment: datetime | None, zone: str) -> str:
    """ "Tue 24 Nov 09:00 America/New_York (14:00 UTC)" for notes and summaries."""
    if moment is None:
        return "not on any shift"
    there = moment.astimezone(ZoneInfo(zone))
    return f"{there:%a} {there.day} {there:%b %H:%M} {zone} ({moment:%H:%M} UTC)"


def summary(ticket: Ticket, reason: str, due: Due | None, now: datetime) -> str:
    """The generated hand-off note: why, the deadline, the last word from the customer."""
    last = ticket.messages.filter(kind="customer").order_by("-created_at").first()
    lines = [
        reason,
        f"Status {ticket.status}, priority {ticket.priority}, level {ticket.get_level_display()}.",
    ]
    if due is not None:
        hours = (due.deadline - now).total_seconds() / 3600
        lines.append(
            f"Next deadline: {due.metric.replace('_', ' ')} at {due.deadline:%Y-%m-%d %H:%M} UTC "
            f"(in {hours:.1f} h)."
        )
    if last is not None:
        ago = (now - last.created_at).total_seconds() / 3600
        excerpt = " ".join(last.body_text.split())[:200]
        lines.append(f"Last customer message {ago:.1f} h ago: “{excerpt}”")
    return "\n".join(lines)


@dataclass(frozen=True)
class Handover:
    """One hand-over to write: from whom to whom, for which owner, until when, and why."""

    giver_id: int | None
    giver_region: str
    receiver_id: int
    receiver_region: str
    owner_id: int
    until: datetime | None
    due: Due | None
    reason: str
    manual: bool = False
    note: str = ""


@transaction.atomic
def hand_over(ticket: Ticket, plan: Handover, actor, now: datetime) -> Handoff:
    """Write a hand-over: the hold first (ending the one it passes on), then the note, the
    assignment and the "handed off" event, so the hold listener sees its own holder."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.assignee_id != plan.giver_id:
        raise ValidationError({"to": "The ticket changed hands meanwhile: look again."})
    previous = holds.open_hold(ticket)
    if previous is not None:
        holds.end_hold(previous, HandoverEnd.PASSED_ON, now)
    written = None if plan.note else notes.pending_note(ticket)
    text = plan.note or (written.text if written else summary(ticket, plan.reason, plan.due, now))
    User = get_user_model()
    receiver = User.objects.get(pk=plan.receiver_id)
    handoff = Handoff.objects.create(
        ticket=ticket,
        at=now,
        from_user_id=plan.giver_id,
        to_user=receiver,
        from_region=plan.giver_region,
        to_region=plan.receiver_region,
        next_deadline=plan.due.deadline if plan.due else None,
        note=text,
        generated=not plan.note and written is None,
        manual=plan.manual,
        owner_id=plan.owner_id,
        until=plan.until,
    )
    author = actor if plan.note else (written.author if written else None)
    author = None if author is desk.SYSTEM else author
    desk.system_note(
        ticket, f"Hand-off note for {name_of(receiver)}:\n{text}", author=author, at=now
    )
    desk.update_ticket(ticket, actor, at=now, assignee=receiver)
    owner = User.objects.get(pk=plan.owner_id)
    desk.record_handoff(
        ticket,
        plan.giver_id,
        receiver.pk,
        plan.giver_region,
        plan.receiver_region,
        at=now,
        actor=actor,
        details={
            "owner": plan.owner_id,
            "until": plan.until.isoformat() if plan.until else None,
            "manual": plan.manual,
            "summary": f"{name_of(receiver)} holds it for {name_of(owner)}: {plan.reason}",
        },
    )
    if written is not None:
        written.used_at = now
        written.save(update_fields=["used_at"])
    return handoff


@transaction.atomic
def give_back(hold: Handoff, outcome: str, actor, now: datetime) -> bool:
    """Return a held ticket to its owner; False when the hold had already ended."""
    ticket = Ticket.objects.select_for_update().get(pk=hold.ticket_id)
    if not holds.end_hold(hold, outcome, now):
        return False
    owner = get_user_model().objects.get(pk=hold.owner_id)
    how = "took it back" if outcome == HandoverEnd.TAKEN_BACK else "is on shift again"
    desk.update_ticket(ticket, actor, at=now, assignee=owner)
    desk.record_handback(
        ticket,
        hold.to_user_id,
        owner.pk,
        at=now,
        actor=actor,
        summary=f"back with {name_of(owner)}, who {how}",
    )
    return True


def hand_back_due(now: datetime | None = None) -> int:
    """Give held tickets back to owners who are on shift again at or after the hold's
    `until`; returns how many went back. A hold whose owner is not on shift yet waits."""
    now = now or timezone.now()
    due = list(holds.open_holds().filter(until__lte=now).order_by("until", "id"))
    if not due:
        return 0
    by_id = {p.id: p for p in load_people(now.date())}
    returned = 0
    for hold in due:
        owner = by_id.get(hold.owner_id)
        if owner is not None and owner.on_shift(now):
            returned += return_to_owner(hold, now)
    return returned


def return_to_owner(hold: Handoff, now: datetime) -> bool:
    """Sunrelay gives a held ticket back to its owner, who is on shift. False when it had
    ended, or when the owner can no longer take tickets (their role changed): the holder
    keeps it, shown as held until a lead assigns it, and the other holds go back all the
    same."""
    try:
        return give_back(hold, HandoverEnd.RETURNED, desk.SYSTEM, now)
    except ValidationError as exc:
        logger.warning("Ticket %s cannot go back to its owner: %s", hold.ticket_id, exc)
        return False


def take_back(ticket: Ticket, actor, now: datetime | None = None) -> Handoff:
    """The owner takes a ticket handed over temporarily back now; returns the ended hold."""
    check_can_work(actor, ticket)
    now = now or timezone.now()
    hold = holds.open_hold(ticket)
    if hold is None:
        raise ValidationError({"ticket": "This ticket is not handed over: nothing to take back."})
    if hold.owner_id != actor.pk:
        raise PermissionDenied(f"Only {name_of(hold.owner)}, whose ticket it is, takes it back.")
    give_back(hold, HandoverEnd.TAKEN_BACK, actor, now)
    return hold


def hand_off_now(
    ticket: Ticket, actor, *, to=None, note: str = "", now: datetime | None = None
) -> Handoff:
    """Hand `ticket` over now, to `to` or to whoever routing chooses (on shift, with room
    under the cap). Its owner stays its owner and gets it back on their next shift."""
    check_can_work(actor, ticket)
    now = now or timezone.now()
    ticket = Ticket.objects.get(pk=ticket.pk)
    note = (note or "").strip()
    if len(note) > notes.MAX_NOTE:
        raise ValidationError({"note": f"Keep the note under {notes.MAX_NOTE:,} characters."})
    if ticket.status not in UNSOLVED_STATUSES:
        raise ValidationError({"to": "Only an unsolved ticket is handed off."})
    hold = holds.open_hold(ticket)
    owner_id = hold.owner_id if hold else ticket.assignee_id
    if owner_id is None:
        raise ValidationError({"to": "Nobody owns this ticket yet: assign it instead."})
    people = load_people(now.date())
    by_id = {p.id: p for p in people}
    held, cap = holds.held_counts(), holds.per_person_cap()
    due = next_due([ticket.pk], now).get(ticket.pk)
    if to is not None:
        _check_chosen(to, ticket, owner_id, held, cap)
        chosen = by_id.get(to.pk)
        receiver_id, receiver_region = to.pk, chosen.region if chosen else ""
    else:
        choice = routing.choose_holder(
            people,
            level=ticket.level,
            at=now,
            deadline=due.deadline if due else None,
            held=held,
            loads=open_loads(),
            cap=cap,
            exclude=frozenset({owner_id, ticket.assignee_id}),
        )
        if choice.person is None:
            raise ValidationError({"to": f"Nobody can take it now: {choice.reason}."})
        receiver_id, receiver_region = choice.person.id, choice.person.region
    owner = by_id.get(owner_id)
    until = hold.until if hold else (owner.next_shift_start(now) if owner else None)
    giver = by_id.get(ticket.assignee_id)
    owner_name = owner.name if owner else name_of(get_user_model().objects.get(pk=owner_id))
    reason = f"handed off now by {name_of(actor)}; back to {owner_name} " + (
        f"on their next shift ({local(until, owner.time_zone)})" if until and owner else "when taken back"
    )  # fmt: skip
    plan = Handover(
        giver_id=ticket.assignee_id,
        giver_region=giver.region if giver else "",
        receiver_id=receiver_id,
        receiver_region=receiver_region,
        owner_id=owner_id,
        until=until,
        due=due,
        reason=reason[0].upper() + reason[1:] + ".",
        manual=True,
        note=note,
    )
    return hand_over(ticket, plan, actor, now)


def _check_chosen(to, ticket: Ticket, owner_id: int, held, cap) -> None:
    """The person a colleague chose works tickets, is not its owner or holder, has room."""
    name = name_of(to)
    if to.pk == owner_id:
        raise ValidationError({"to": f"{name} owns this ticket: take it back instead."})
    if to.pk == ticket.assignee_id:
        raise ValidationError({"to": f"{name} already has this ticket."})
    if not (to.is_active and works_tickets(to)):
        raise ValidationError({"to": f"{name} does not work tickets."})
    if held.get(to.pk, 0) >= cap:
        raise ValidationError(
            {
                "to": f"{name} already holds {held[to.pk]} tickets for colleagues, the most "
                f"the lead allows ({cap}). Choose someone else."
            }
        )
