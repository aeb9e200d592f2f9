"""Hand-off notes: what an agent wants the next region to know about a ticket.

The next hand-off of the ticket (schedule.services) takes the newest unused note instead of
writing a summary of its own, and marks it used.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.schedule.models import HandoffNote

MAX_NOTE = 5000


def pending_note(ticket: Ticket) -> HandoffNote | None:
    """The note the next hand-off of `ticket` will carry, if one is waiting."""
    return (
        HandoffNote.objects.filter(ticket=ticket, used_at__isnull=True)
        .select_related("author")
        .order_by("-created_at", "-id")
        .first()
    )


@transaction.atomic
def leave_note(ticket: Ticket, author, text: str, now: datetime | None = None) -> HandoffNote:
    """Write the hand-off note of `ticket`; it replaces any note still waiting.

    A replaced note is marked used now, so a later hand-off never picks up an older one.
    """
    check_can_work(author, ticket)
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what the next region needs to know."})
    if len(text) > MAX_NOTE:
        raise ValidationError({"text": f"Keep it under {MAX_NOTE:,} characters."})
    HandoffNote.objects.filter(ticket=ticket, used_at__isnull=True).update(used_at=now)
    return HandoffNote.objects.create(ticket=ticket, author=author, text=text, created_at=now)
