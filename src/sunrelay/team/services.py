"""Time off: log days away ahead, with who covers the rest; cancel.

Dates are the away person's own local dates (TimeOff). Anyone who works tickets plans their
own time off; a support lead plans anyone's. These are the team's rules; the plan for the
work left behind (tickets, accounts) is desk.left_behind's, telling customers mail.absence_notice's.
The worker applies a plan when the time off begins (schedule.services.apply_time_off);
routing and hand-offs skip people while away.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.lib.formatting import day_span, person
from sunrelay.team.models import Coverage, StaffProfile, TimeOff
from sunrelay.team.roles import is_lead, ticket_workers, works_tickets


def check_can_plan(actor, user) -> None:
    """Self or a lead; and only for people who work tickets (routing is what time off changes)."""
    if not works_tickets(actor):
        raise PermissionDenied("Only support staff can plan time off.")
    if actor.pk != user.pk and not is_lead(actor):
        raise PermissionDenied("Only a support lead can plan someone else's time off.")
    if not works_tickets(user):
        raise PermissionDenied(f"{person(user)} does not work tickets: no time off to plan.")


def local_today(user, now: datetime | None = None) -> date:
    """Today in the user's own time zone (UTC without a profile)."""
    now = now or timezone.now()
    profile = StaffProfile.objects.filter(user=user).only("time_zone").first()
    return now.astimezone(ZoneInfo(profile.time_zone if profile else "UTC")).date()


def _away(user, first: date, last: date, exclude: int | None = None):
    """The user's time off overlapping [first, last], if any."""
    spans = TimeOff.objects.filter(user=user, first_day__lte=last, last_day__gte=first)
    if exclude is not None:
        spans = spans.exclude(pk=exclude)
    return spans.order_by("first_day").first()


def cover_problem(cover, user, first: date, last: date) -> str | None:
    """Why `cover` cannot cover `user` from `first` to `last`, or None."""
    if cover.pk == user.pk:
        return "Someone else has to cover: the person away cannot."
    if not cover.is_active or not works_tickets(cover):
        return f"{person(cover)} does not work tickets."
    clash = _away(cover, first, last)
    if clash is not None:
        return f"{person(cover)} is away too ({day_span(clash.first_day, clash.last_day)})."
    return None


def cover_candidates(user, first: date, last: date) -> list:
    """Who may be offered as `user`'s cover from `first` to `last`: the people who work
    tickets, never `user` themself, nor anyone away on one of those days (cover_problem's
    rules, so a choice from this list is never refused)."""
    away = TimeOff.objects.filter(first_day__lte=last, last_day__gte=first).values("user_id")
    return [u for u in ticket_workers().exclude(pk=user.pk).exclude(pk__in=away)]


@transaction.atomic
def log_time_off(
    actor,
    user,
    first_day: date,
    last_day: date,
    reason: str = "",
    cover=None,
    now: datetime | None = None,
) -> TimeOff:
    """Log `user`'s days away, with `cover` taking the rest of their work (optional)."""
    check_can_plan(actor, user)
    errors: dict[str, str] = {}
    today = local_today(user, now)
    if first_day < today:
        errors["first_day"] = "Time off is logged ahead: the first day cannot be in the past."
    if last_day < first_day:
        errors["last_day"] = "The last day cannot be before the first day."
    elif (clash := _away(user, first_day, last_day)) is not None:
        errors["first_day"] = (
            f"{person(user)} is already away ({day_span(clash.first_day, clash.last_day)})."
        )
    if len(reason) > 200:
        errors["reason"] = "Keep the reason under 200 characters."
    if cover is not None and "last_day" not in errors:
        problem = cover_problem(cover, user, first_day, last_day)
        if problem:
            errors["cover"] = problem
    if errors:
        raise ValidationError(errors)
    time_off = TimeOff.objects.create(
        user=user, first_day=first_day, last_day=last_day, reason=reason.strip()
    )
    if cover is not None:
        Coverage.objects.create(time_off=time_off, cover=cover)
    return time_off


@transaction.atomic
def cancel_time_off(actor, time_off: TimeOff, now: datetime | None = None) -> None:
    """Remove time off that has not ended, with its plan. Tickets a plan already moved
    stay with their covers."""
    check_can_plan(actor, time_off.user)
    if time_off.last_day < local_today(time_off.user, now):
        raise ValidationError("This time off is over: past time off stays on record.")
    time_off.delete()
