"""The customer engineering rituals as agendas built from the desk's state now, and the notes
saved per meeting.

- Office hours: support requests still new, open tickets with a breached SLA, and tickets
  flagged interesting in the last week.
- The weekly feedback-theme review: the product feedback themes (feedback.ranking) with new
  items in the last 7 days or the 7 before; a theme grew when the last 7 days have more.
- Everything is read through the viewer's visibility (sales: their accounts). Notes are written
  by people who work tickets, one text per ritual and day, replaced when saved again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.feedback import ranking
from sunrelay.success import access
from sunrelay.success.models import MeetingNote, RequestStatus, Ritual

WEEK = timedelta(days=7)
SHOWN = 20


@dataclass(frozen=True)
class Theme:
    name: str
    this_week: int
    week_before: int
    pk: int | None = None
    population: str = ""

    @property
    def grew(self) -> bool:
        return self.this_week > self.week_before


def office_hours(user, now: datetime) -> dict:
    tickets = visible_tickets(user, Ticket.objects.all()).select_related("account", "assignee")
    breached = tickets.filter(status__in=UNSOLVED_STATUSES, slas__breached_at__isnull=False)
    return {
        "new_requests": list(
            access.visible_requests(user)
            .filter(status=RequestStatus.NEW)
            .select_related("requester", "account")[:SHOWN]
        ),
        "breached": list(breached.distinct().order_by("-updated_at")[:SHOWN]),
        "interesting": list(
            tickets.filter(interesting=True, updated_at__gte=now - WEEK).order_by("-updated_at")[
                :SHOWN
            ]
        ),
    }


def feedback_review(user, now: datetime) -> dict:
    """The product feedback themes with new items in the last two weeks (feedback.ranking,
    through the viewer's visibility), those that grew most first."""
    rows = [r for r in ranking.rank(user, now) if r.this_week or r.week_before]
    rows.sort(key=lambda r: (-(r.this_week - r.week_before), -r.this_week, r.theme.name))
    themes = [
        Theme(r.theme.name, r.this_week, r.week_before, r.theme.pk, r.population)
        for r in rows[:SHOWN]
    ]
    return {"themes": themes}


AGENDAS = {Ritual.OFFICE_HOURS: office_hours, Ritual.FEEDBACK_REVIEW: feedback_review}


def agenda(ritual: str, user, now: datetime | None = None) -> dict:
    return AGENDAS[Ritual(ritual)](user, now or timezone.now())


def past_meetings(ritual: str):
    return MeetingNote.objects.filter(ritual=ritual).select_related("author")[:SHOWN]


def save_notes(ritual: str, user, held_on: date, notes: str) -> MeetingNote:
    """The notes of the meeting of `held_on`, replacing what was saved for that day."""
    access.check_can_write_notes(user)
    with transaction.atomic():
        row, _ = MeetingNote.objects.select_for_update().get_or_create(
            ritual=Ritual(ritual),
            held_on=held_on,
            defaults={"notes": notes, "author": user, "saved_at": timezone.now()},
        )
        row.notes, row.author, row.saved_at = notes.strip(), user, timezone.now()
        row.full_clean(exclude=["author"])
        row.save()
    return row
