"""Who else has a ticket open, and who is writing on it (collisions, docs/workspace.md).

A ticket page tells the server every few seconds that it is still open (`beat`), and
whether its reply or note box was typed in lately. Presence is stored in the database so
every web process answers the same; a viewer not heard from for SEEN_FOR is gone, a writer
not typing for TYPING_FOR stopped. Rows are few (one per person and ticket) and replaced in
place; those long gone are swept when someone opens the ticket again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from sunrelay.desk.models import Presence, Ticket

SEEN_FOR = timedelta(seconds=30)
TYPING_FOR = timedelta(seconds=12)
SWEPT_AFTER = timedelta(hours=1)
TYPING_KINDS = ("reply", "note")


@dataclass(frozen=True)
class Viewer:
    user: object
    typing: str  # "reply", "note" or ""


def beat(ticket: Ticket, user, now: datetime, typing: str = "") -> None:
    """`user` has the ticket open at `now`, typing a "reply" or a "note", or neither.

    One query while the row exists (an UPDATE); an INSERT when it does not.
    """
    typing = typing if typing in TYPING_KINDS else ""
    fields = {"seen_at": now, "typing": typing}
    if typing:
        fields["typing_at"] = now
    if Presence.objects.filter(ticket=ticket, user=user).update(**fields):
        return
    Presence.objects.filter(ticket=ticket, seen_at__lt=now - SWEPT_AFTER).delete()
    try:
        with transaction.atomic():
            Presence.objects.create(ticket=ticket, user=user, **fields)
    except IntegrityError:  # two tabs of one person, first beat at once: the other won
        Presence.objects.filter(ticket=ticket, user=user).update(**fields)


def leave(ticket: Ticket, user) -> None:
    """The page was closed: gone at once rather than after SEEN_FOR."""
    Presence.objects.filter(ticket=ticket, user=user).delete()


def others(ticket: Ticket, user, now: datetime) -> list[Viewer]:
    """Everyone but `user` with the ticket open at `now`, writers first: one query."""
    rows = (
        Presence.objects.filter(ticket=ticket, seen_at__gte=now - SEEN_FOR)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    viewers = [
        Viewer(r.user, r.typing if r.typing_at and r.typing_at >= now - TYPING_FOR else "")
        for r in rows
    ]
    return sorted(viewers, key=lambda v: v.typing == "")
