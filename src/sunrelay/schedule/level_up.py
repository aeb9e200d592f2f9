"""Raising a ticket's level (L1 -> L2 -> engineering), to the people the rotations name.

L2 goes to this week's L2 rotation person when they are on shift; otherwise follow-the-sun
routing picks the on-shift L2 person (and when nobody is on shift, the rotation person keeps
it for their next shift). Engineering goes to the Response Team member on call and needs a
bug link or reproduction notes. Each raise writes the level and assignee changes, the notes
and a LEVEL_RAISED event, and tells the new assignee by e-mail (through the outbox).

Not to be confused with paging's escalation policies, which page people about an urgent
ticket without changing its level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import UNSOLVED_STATUSES, EventKind, Level, Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.lib.formatting import person
from sunrelay.lib.links import ticket_url
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.schedule import oncall, routing
from sunrelay.schedule.roster import load_people
from sunrelay.schedule.services import open_loads

RANK = {Level.L1: 0, Level.L2: 1, Level.ENGINEERING: 2}
MAX_NOTES = 10_000


@dataclass(frozen=True)
class Choice:
    user_id: int | None
    why: str
    rotation: str = ""


@dataclass(frozen=True)
class RaisedLevel:
    ticket: Ticket
    level: str
    assignee: object | None
    why: str


def check_raise_level(
    ticket: Ticket, level: str, *, bug_url: str = "", repro_notes: str = "", reason: str = ""
) -> dict:
    """Validate without writing; returns the cleaned values. Forms call it to show errors."""
    errors: dict[str, str] = {}
    bug_url, repro_notes, reason = (
        (bug_url or "").strip(),
        (repro_notes or "").strip(),
        (reason or "").strip(),
    )
    if level not in (Level.L2, Level.ENGINEERING):
        errors["level"] = "Raise the level to L2 or to engineering."
    elif RANK[level] <= RANK.get(ticket.level, 0):
        errors["level"] = f"The ticket is already at {ticket.get_level_display()}."
    if ticket.status not in UNSOLVED_STATUSES:
        errors["status"] = "Only an unsolved ticket moves up a level."
    if level == Level.ENGINEERING and not (bug_url or repro_notes or ticket.bug_url):
        errors["bug_url"] = "Engineering needs a bug link or reproduction notes."
    if bug_url:
        try:
            bug_url = desk.check_changes(ticket, {"bug_url": bug_url})["bug_url"]
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if len(repro_notes) > MAX_NOTES:
        errors["repro_notes"] = f"Reproduction notes are longer than {MAX_NOTES} characters."
    if errors:
        raise ValidationError(errors)
    return {"bug_url": bug_url, "repro_notes": repro_notes, "reason": reason}


def choose(level: str, now: datetime) -> Choice:
    """Who takes a ticket raised to `level` at `now`, and why."""
    rotation = oncall.rotation_for_level(level)
    on_call = oncall.person_on_call(rotation, now) if rotation else None
    people = load_people(now.date())
    by_id = {p.id: p for p in people}
    person = by_id.get(on_call)
    name = person.name if person else ""
    label = rotation.name if rotation else ""
    if level == Level.ENGINEERING:
        if on_call is not None:
            return Choice(on_call, f"{name or 'they'} is on call for {label}", label)
        picked = routing.choose(people, level=level, now=now, loads=open_loads())
        if picked.person is not None:
            return Choice(picked.person.id, f"nobody is on call for engineering; {picked.reason}")
        return Choice(None, "nobody is on call for engineering and no engineer is on shift")
    if person is not None and person.on_shift(now):
        return Choice(on_call, f"{name} has the L2 rotation ({label}) and is on shift", label)
    picked = routing.choose(people, level=level, now=now, loads=open_loads())
    if picked.person is not None:
        off = f"{name} (L2 rotation) is off shift; " if person else ""
        return Choice(picked.person.id, off + picked.reason, label if person else "")
    if on_call is not None:
        return Choice(
            on_call,
            f"nobody who works L2 is on shift; {name or 'the rotation person'} has "
            f"the L2 rotation ({label}) and takes it on their next shift",
            label,
        )
    return Choice(None, "nobody who works L2 is on shift and no L2 rotation names anyone")


@transaction.atomic
def raise_level(
    ticket: Ticket,
    actor,
    level: str,
    *,
    reason: str = "",
    bug_url: str = "",
    repro_notes: str = "",
    now: datetime | None = None,
) -> RaisedLevel:
    """Move `ticket` up to `level` and hand it to the person the rotations name."""
    if actor is not desk.SYSTEM:
        check_can_work(actor, ticket)
    now = now or timezone.now()
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    clean = check_raise_level(
        ticket, level, bug_url=bug_url, repro_notes=repro_notes, reason=reason
    )
    choice = choose(level, now)
    User = get_user_model()
    assignee = User.objects.get(pk=choice.user_id) if choice.user_id is not None else None
    old_level = ticket.level
    changes: dict = {"level": level}
    if assignee is not None:
        changes["assignee"] = assignee
    if clean["bug_url"]:
        changes["bug_url"] = clean["bug_url"]
    desk.update_ticket(ticket, actor, at=now, **changes)
    if clean["repro_notes"]:
        text = f"Reproduction notes for {Level(level).label}:\n{clean['repro_notes']}"
        if actor is desk.SYSTEM:
            desk.system_note(ticket, text, at=now)
        else:
            desk.note(ticket, actor, text, at=now)
    who = person(assignee) or "nobody yet"
    summary = f"to {Level(level).label}, {who}: {choice.why}"
    if clean["reason"]:
        summary += f". Reason: {clean['reason']}"
    desk.record_event(
        ticket,
        EventKind.LEVEL_RAISED,
        actor=actor,
        at=now,
        old=old_level,
        new={
            "level": level,
            "assignee": assignee.pk if assignee else None,
            "rotation": choice.rotation,
            "reason": clean["reason"],
            "bug_url": clean["bug_url"] or ticket.bug_url,
            "summary": summary,
        },
    )
    if assignee is not None and assignee.pk != getattr(actor, "pk", None) and assignee.email:
        _tell(ticket, assignee, level, summary, clean)
    return RaisedLevel(ticket, level, assignee, choice.why)


def _tell(ticket: Ticket, assignee, level: str, summary: str, clean: dict) -> None:
    lines = [
        f"Ticket #{ticket.pk} “{ticket.subject}” moved up a level {summary}.",
        "",
        f"Open it: {ticket_url(ticket)}",
    ]
    if ticket.bug_url:
        lines.append(f"Bug: {ticket.bug_url}")
    if clean["repro_notes"]:
        lines += ["", "Reproduction notes:", clean["repro_notes"]]
    enqueue_mail(
        OutboxKind.NOTIFICATION,
        to=[assignee.email],
        subject=f"[#{ticket.pk}] Raised to {Level(level).label}, assigned to you: {ticket.subject}",
        text="\n".join(lines),
        ticket=ticket,
    )
