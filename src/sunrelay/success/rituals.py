"""The customer engineering rituals as agendas built from the desk's state now, and the notes
saved per meeting.

- Office hours: support requests still new, open tickets with a breached SLA, and tickets
  flagged interesting in the last week.
- The weekly feedback-theme review: until the feedback app lands, a theme is a tag of tickets
  solved as a feature request or a product bug; it grew when the last 7 days have more such
  tickets than the 7 days before.
- Everything is read through the viewer's visibility (sales: their accounts). Notes are written
  by people who work tickets, one text per ritual and day, replaced when saved again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sunrelay.desk.models import UNSOLVED_STATUSES, Cause, Tag, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.success import access
from sunrelay.success.models import MeetingNote, RequestStatus, Ritual

WEEK = timedelta(days=7)
SHOWN = 20
THEME_CAUSES = (Cause.FEATURE_REQUEST, Cause.PRODUCT_BUG)


@dataclass(frozen=True)
class Theme:
    name: str
    this_week: int
    week_before: int

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
    tickets = visible_tickets(user, Ticket.objects.filter(cause__in=THEME_CAUSES))
    recent = Q(tickets__in=tickets.filter(created_at__gte=now - WEEK))
    before = Q(
        tickets__in=tickets.filter(created_at__gte=now - 2 * WEEK, created_at__lt=now - WEEK)
    )
    rows = (
        Tag.objects.annotate(this_week=Count("tickets", filter=recent, distinct=True))
        .annotate(week_before=Count("tickets", filter=before, distinct=True))
        .filter(Q(this_week__gt=0) | Q(week_before__gt=0))
        .values_list("name", "this_week", "week_before")
    )
    themes = sorted(
        (Theme(*row) for row in rows),
        key=lambda t: (-(t.this_week - t.week_before), -t.this_week, t.name),
    )
    return {"themes": themes[:SHOWN]}


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
