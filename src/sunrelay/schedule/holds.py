"""Tickets handed over temporarily: who holds a ticket for whom, until when, and the cap.

A hold is a Handoff with an owner that has not ended; a ticket has at most one (a database
constraint). The rules, stated once:

- While the hold lasts, the holder (`to_user`) is the ticket's assignee. Assigning the
  ticket to anyone else (Assign to me, the properties form, a level raise, a coverage plan,
  the API) ends the hold as "reassigned": a person decided where it goes. Closing the
  ticket ends it as "closed". The listener below applies both, inside the change's
  transaction.
- The owner gets the ticket back when they are on shift again at or after `until`, or when
  they take it back (schedule.handoffs).
- Nobody holds more than the lead's cap of tickets for colleagues at once.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone

from sunrelay.desk.models import EventKind, Status, Ticket, TicketEvent
from sunrelay.schedule.models import MAX_HANDOVER_CAP, Handoff, HandoffSettings, HandoverEnd
from sunrelay.team.roles import is_lead

SETTINGS_ROW = 1


def handover_settings() -> HandoffSettings:
    row, _ = HandoffSettings.objects.get_or_create(pk=SETTINGS_ROW)
    return row


def per_person_cap() -> int:
    """How many tickets one person may hold for colleagues at once (the lead's setting)."""
    return handover_settings().handover_cap


@transaction.atomic
def set_handover_cap(actor, value, now: datetime | None = None) -> HandoffSettings:
    """The lead changes the cap. It limits new hand-overs only: nobody's tickets move."""
    if not is_lead(actor):
        raise PermissionDenied("Only a lead changes the hand-over cap.")
    try:
        cap = int(value)
    except (TypeError, ValueError):
        cap = 0
    if not 1 <= cap <= MAX_HANDOVER_CAP:
        raise ValidationError(
            {"handover_cap": f"Give a whole number from 1 to {MAX_HANDOVER_CAP}."}
        )
    row = handover_settings()
    row = HandoffSettings.objects.select_for_update().get(pk=row.pk)
    row.handover_cap = cap
    row.updated_at = now or timezone.now()
    row.updated_by = actor
    row.save()
    return row


def open_holds() -> QuerySet[Handoff]:
    return Handoff.objects.filter(owner__isnull=False, ended_at__isnull=True)


def open_hold(ticket: Ticket | int) -> Handoff | None:
    """The ticket's open hand-over, with its owner and holder; None when it has none."""
    pk = ticket.pk if isinstance(ticket, Ticket) else ticket
    return (
        open_holds()
        .filter(ticket_id=pk)
        .select_related("owner__staff_profile", "to_user__staff_profile")
        .first()
    )


def held_counts() -> Counter:
    """Tickets each person holds for colleagues now: {user id: count}."""
    rows = open_holds().values("to_user").annotate(n=Count("id"))
    return Counter({row["to_user"]: row["n"] for row in rows if row["to_user"] is not None})


def end_hold(hold: Handoff, outcome: str, now: datetime) -> bool:
    """End an open hold; False when something else ended it first."""
    done = Handoff.objects.filter(pk=hold.pk, ended_at__isnull=True).update(
        ended_at=now, outcome=outcome
    )
    if done:
        hold.ended_at, hold.outcome = now, outcome
    return bool(done)


def on_ticket_changed(sender, ticket: Ticket, events: list[TicketEvent], at, **kwargs) -> None:
    """desk.signals.ticket_changed: an assignment to someone other than the holder, or
    closing the ticket, ends its hold. The hand-over services write the hold first and
    assign second, so their own assignments agree with it."""
    kinds = {e.kind for e in events}
    if EventKind.ASSIGNEE not in kinds and EventKind.STATUS not in kinds:
        return
    hold = open_holds().filter(ticket_id=ticket.pk).first()
    if hold is None:
        return
    for event in events:
        if event.kind == EventKind.STATUS and event.new == Status.CLOSED:
            end_hold(hold, HandoverEnd.CLOSED, at)
            return
        if event.kind == EventKind.ASSIGNEE and event.new != hold.to_user_id:
            end_hold(hold, HandoverEnd.REASSIGNED, at)
            return


# -- read with the ticket, in the ticket's own query -----------------------------------------


@dataclass(frozen=True)
class HoldView:
    """What the ticket page shows of an open hold; the holder is the ticket's assignee."""

    owner_id: int
    owner_name: str
    until: datetime | None
    since: datetime
    manual: bool


def with_hold(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """`tickets` with their open hold as one JSON column (read it with hold_of), so a page
    shows the hold without a query of its own."""
    hold = (
        open_holds()
        .filter(ticket=OuterRef("pk"))
        .values(
            data=JSONObject(
                owner="owner_id",
                first="owner__first_name",
                last="owner__last_name",
                username="owner__username",
                until="until",
                since="at",
                manual="manual",
            )
        )[:1]
    )
    return tickets.annotate(open_hold=Subquery(hold, output_field=JSONField()))


def _moment(value) -> datetime | None:
    # PostgreSQL writes ISO 8601 with an offset; SQLite the stored UTC text without one.
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def hold_of(ticket: Ticket) -> HoldView | None:
    """The open hold of a ticket read through with_hold(); None when it has none."""
    data = getattr(ticket, "open_hold", None)
    if isinstance(data, str):
        data = json.loads(data)
    if not data:
        return None
    name = f"{data.get('first') or ''} {data.get('last') or ''}".strip()
    return HoldView(
        owner_id=data["owner"],
        owner_name=name or data.get("username") or "",
        until=_moment(data.get("until")),
        since=_moment(data.get("since")),
        manual=bool(data.get("manual")),
    )
