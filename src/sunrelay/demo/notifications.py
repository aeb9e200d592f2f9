"""The demo's fresh news: a few notes that @mention the lead and an agent on open tickets of
theirs, so the bell shows a count on first log-in. Written through the desk's services (notify
hears them as it would a person's); skipped where the note exists already."""

from __future__ import annotations

from django.contrib.auth.models import User

from sunrelay.desk import services
from sunrelay.desk.models import UNSOLVED_STATUSES, Message, MessageKind, Ticket

# author, mentioned, what the note says
MENTIONS = (
    ("keisha", "marta", "@marta this customer asks for a call about their renewal; can you join?"),
    ("marta", "keisha", "@keisha you know their tile setup best: please take a look today."),
    ("alba", "keisha", "@keisha same error as last week's ticket, the cache fix may apply."),
)


def load_notifications() -> int:
    """Write the missing notes (and the notifications they make); returns how many."""
    people = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    open_tickets = Ticket.objects.filter(status__in=UNSOLVED_STATUSES).order_by("id")
    written = 0
    for index, (author, mentioned, text) in enumerate(MENTIONS):
        if author not in people or mentioned not in people:
            continue
        if Message.objects.filter(kind=MessageKind.NOTE, body_text=text).exists():
            continue
        ticket = open_tickets.filter(assignee=people[mentioned])[index : index + 1].first()
        if ticket is None:
            continue
        services.note(ticket, people[author], text)
        written += 1
    return written


def _usernames() -> set[str]:
    return {name for row in MENTIONS for name in row[:2]}
