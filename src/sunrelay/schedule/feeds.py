"""Secret calendar feed URLs: one per rotation or per person, revocable.

The URL carries a random token; only its SHA-256 is stored, so a copy of the database does
not hand out working URLs. Anyone who works tickets may make a rotation's feed; a person's
own feed only they (or a lead) may make. Revoking stops the URL at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sunrelay.lib.formatting import person as person_name
from sunrelay.lib.links import absolute
from sunrelay.schedule import ical, oncall
from sunrelay.schedule.rotations.models import CalendarFeed, Rotation
from sunrelay.team.roles import is_lead, works_tickets

PAST = timedelta(days=14)
AHEAD = timedelta(days=90)
# last_used_at is written at most this often (calendar apps poll every few minutes).
USE_RESOLUTION = timedelta(hours=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def url(raw: str) -> str:
    return absolute(reverse("calendar_feed", args=[raw]))


def create_feed(
    actor, *, rotation: Rotation | None = None, person=None
) -> tuple[CalendarFeed, str]:
    """A new feed and its raw token (shown once)."""
    if (rotation is None) == (person is None):
        raise ValueError("a feed is of one rotation or of one person")
    if not works_tickets(actor):
        raise PermissionDenied("Only support staff can make calendar feeds.")
    if person is not None and person.pk != actor.pk and not is_lead(actor):
        raise PermissionDenied("Only leads can make a calendar feed of someone else's shifts.")
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        token_hash=_hash(raw), rotation=rotation, person=person, created_by=actor
    )
    return feed, raw


def can_revoke(actor, feed: CalendarFeed) -> bool:
    return works_tickets(actor) and (
        is_lead(actor) or actor.pk in (feed.created_by_id, feed.person_id)
    )


def revoke(feed: CalendarFeed, actor) -> None:
    if not can_revoke(actor, feed):
        raise PermissionDenied(
            "Only the person who made the feed, its person or a lead can revoke it."
        )
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])


def find(raw: str) -> CalendarFeed | None:
    feed = (
        CalendarFeed.objects.filter(token_hash=_hash(raw), revoked_at__isnull=True)
        .select_related("rotation", "person")
        .first()
    )
    if feed is not None and (feed.person is None or feed.person.is_active):
        return feed
    return None


def render(feed: CalendarFeed, now: datetime | None = None) -> bytes:
    """The feed's calendar: shifts from PAST ago to AHEAD from now."""
    now = now or timezone.now()
    start, end = now - PAST, now + AHEAD
    if feed.last_used_at is None or now - feed.last_used_at > USE_RESOLUTION:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    if feed.rotation is not None:
        loaded = oncall.load(feed.rotation, start)
        first = loaded.resolver.shift_at(start).start  # whole, not cut at the window
        shifts = [s for s in oncall.timeline(loaded, first, end) if s.person is not None]
        names = _names(s.person for s in shifts)
        entries = [
            ical.Entry(feed.rotation.pk, feed.rotation.name, names.get(s.person, "?"), s)
            for s in shifts
        ]
        return ical.build(f"On call: {feed.rotation.name}", entries, now, per_person=False)
    person = feed.person
    name = person_name(person)
    entries = [
        ical.Entry(rotation.pk, rotation.name, name, shift)
        for rotation, shift in oncall.shifts_of_person(person.pk, start, end, whole=True)
    ]
    return ical.build(f"On call: {name}", entries, now, per_person=True)


def _names(ids) -> dict[int, str]:
    return {pk: person_name(user) for pk, user in oncall.users_by_id(set(ids)).items()}
