"""Overrides: someone takes a rotation over for a while (a swap, cover for time off).

Anyone who works tickets may add one; the person who made it, the person it names and leads
may remove it. Rules broken raise ValidationError per field, access PermissionDenied.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.schedule.rotations.models import Override, Rotation
from sunrelay.team.roles import is_lead, works_tickets

MAX_OVERRIDE = timedelta(days=92)


def can_manage(user) -> bool:
    return works_tickets(user)


def check_can_manage(user) -> None:
    if not can_manage(user):
        raise PermissionDenied("Only support staff can change rotations.")


def can_delete(user, override: Override) -> bool:
    return works_tickets(user) and (
        is_lead(user) or user.pk in (override.created_by_id, override.user_id)
    )


def _span_error(starts_at: datetime, ends_at: datetime, now: datetime) -> tuple[str, str] | None:
    """(field, message) of what is wrong with the override's times, if anything."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        return "starts_at", "Give times with their time zone."
    # Two times in one zone compare and subtract by the wall clock; in UTC they measure time.
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    if ends_at <= starts_at:
        return "ends_at", "The override must end after it starts."
    if ends_at <= now:
        return "ends_at", "The override ends in the past."
    if ends_at - starts_at > MAX_OVERRIDE:
        days = MAX_OVERRIDE.days
        return "ends_at", f"An override lasts at most {days} days; change the layers instead."
    return None


@transaction.atomic
def create_override(
    rotation: Rotation,
    actor,
    *,
    user,
    starts_at: datetime,
    ends_at: datetime,
    reason: str = "",
    now: datetime | None = None,
) -> Override:
    """`user` is on call in `rotation` from `starts_at` to `ends_at` (aware datetimes), over
    whatever the layers and earlier overrides say. Lengths are elapsed time: an override
    over an autumn change lasts an hour more than its wall-clock reading says."""
    check_can_manage(actor)
    now = now or timezone.now()
    errors = {}
    if user is None or not (user.is_active and works_tickets(user)):
        errors["user"] = "Only active support staff can be on call."
    span_error = _span_error(starts_at, ends_at, now)
    if span_error:
        errors.update([span_error])
    reason = (reason or "").strip()
    if len(reason) > 200:
        errors["reason"] = "The reason is longer than 200 characters."
    if errors:
        raise ValidationError(errors)
    return Override.objects.create(
        rotation=rotation,
        user=user,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        created_by=actor,
    )


@transaction.atomic
def delete_override(override: Override, actor) -> None:
    if not can_delete(actor, override):
        raise PermissionDenied(
            "Only the person who made the override, the person it names or a lead can remove it."
        )
    override.delete()
