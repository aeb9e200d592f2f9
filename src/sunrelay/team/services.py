"""Time off and coverage plans: log days away ahead, name who covers what, cancel.

Dates are the away person's own local dates (TimeOff). Anyone who works tickets plans their
own time off; a support lead plans anyone's. The worker applies a plan when the time off
begins (schedule.services.apply_time_off); routing and hand-offs skip people while away.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk.models import UNSOLVED_STATUSES
from sunrelay.team.models import Coverage, StaffProfile, TimeOff
from sunrelay.team.roles import is_lead, works_tickets


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _days(first: date, last: date) -> str:
    if first == last:
        return f"on {first.day} {first:%b}"
    return f"{first.day} {first:%b}–{last.day} {last:%b}"


def check_can_plan(actor, user) -> None:
    """Self or a lead; and only for people who work tickets (routing is what time off changes)."""
    if not works_tickets(actor):
        raise PermissionDenied("Only support staff can plan time off.")
    if actor.pk != user.pk and not is_lead(actor):
        raise PermissionDenied("Only a support lead can plan someone else's time off.")
    if not works_tickets(user):
        raise PermissionDenied(f"{_name(user)} does not work tickets: no time off to plan.")


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
        return f"{_name(cover)} does not work tickets."
    clash = _away(cover, first, last)
    if clash is not None:
        return f"{_name(cover)} is away too ({_days(clash.first_day, clash.last_day)})."
    return None


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
            f"{_name(user)} is already away ({_days(clash.first_day, clash.last_day)})."
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
def set_coverage(
    actor,
    time_off: TimeOff,
    *,
    rest=None,
    accounts: Mapping = {},  # noqa: B006 - read only
    tickets: Mapping = {},  # noqa: B006 - read only
    now: datetime | None = None,
) -> list[Coverage]:
    """Replace the coverage plan: `rest` covers whatever has no row of its own; `accounts`
    and `tickets` map an Account / an open Ticket of the person to the colleague covering it
    (None: no cover of its own)."""
    user = time_off.user
    check_can_plan(actor, user)
    if time_off.last_day < local_today(user, now):
        raise ValidationError("This time off is over: its plan stays as it was.")
    first, last = time_off.first_day, time_off.last_day
    errors: dict[str, list[str]] = {}
    if rest is not None and (problem := cover_problem(rest, user, first, last)):
        errors.setdefault("cover", []).append(problem)
    for account, cover in accounts.items():
        if cover is not None and (problem := cover_problem(cover, user, first, last)):
            errors.setdefault("accounts", []).append(f"{account.name}: {problem}")
    for ticket, cover in tickets.items():
        if ticket.assignee_id != user.pk or ticket.status not in UNSOLVED_STATUSES:
            errors.setdefault("tickets", []).append(
                f"#{ticket.pk} is not an open ticket of {_name(user)}."
            )
        elif cover is not None and (problem := cover_problem(cover, user, first, last)):
            errors.setdefault("tickets", []).append(f"#{ticket.pk}: {problem}")
    if errors:
        raise ValidationError(errors)
    Coverage.objects.filter(time_off=time_off).delete()
    rows = [Coverage(time_off=time_off, cover=rest)] if rest is not None else []
    rows += [Coverage(time_off=time_off, cover=c, account=a) for a, c in accounts.items() if c]
    rows += [Coverage(time_off=time_off, cover=c, ticket=t) for t, c in tickets.items() if c]
    return Coverage.objects.bulk_create(rows)


@transaction.atomic
def cancel_time_off(actor, time_off: TimeOff, now: datetime | None = None) -> None:
    """Remove time off that has not ended, with its plan. Tickets a plan already moved
    stay with their covers."""
    check_can_plan(actor, time_off.user)
    if time_off.last_day < local_today(time_off.user, now):
        raise ValidationError("This time off is over: past time off stays on record.")
    time_off.delete()


NOTICE_TEXT = """Hello {name},

{person} from our team is away from {first} to {last} ({zone} dates).
While they are away, {cover} looks after your account and your open requests.
Write to us as usual: nothing you send is left waiting for their return.

{signature}
"""


@transaction.atomic
def tell_customers(actor, time_off: TimeOff, now: datetime | None = None) -> int:
    """E-mail the people who would miss the person: contacts of the accounts they look after
    as customer engineer, and requesters of their open tickets. Once per time off; returns
    how many e-mails were queued."""
    from django.conf import settings

    from sunrelay.accounts.models import Contact
    from sunrelay.desk.models import Ticket
    from sunrelay.mail.models import OutboxKind
    from sunrelay.mail.notify import enqueue_mail

    check_can_plan(actor, time_off.user)
    time_off = TimeOff.objects.select_for_update().get(pk=time_off.pk)
    if time_off.customers_told_at is not None:
        raise ValidationError("Their customers were already told.")
    if time_off.last_day < local_today(time_off.user, now):
        raise ValidationError("This time off is over.")
    covers = {c.account_id: c.cover for c in time_off.coverage.select_related("cover")}
    rest = covers.get(None)
    contacts: dict[str, tuple[str, object]] = {}
    for contact in Contact.objects.filter(account__ce=time_off.user).select_related("account"):
        contacts.setdefault(
            contact.email.lower(), (contact.name, covers.get(contact.account_id) or rest)
        )
    open_tickets = Ticket.objects.filter(assignee=time_off.user, status__in=UNSOLVED_STATUSES)
    for ticket in open_tickets.select_related("requester"):
        contact = ticket.requester
        contacts.setdefault(
            contact.email.lower(), (contact.name, covers.get(ticket.account_id) or rest)
        )
    zone = StaffProfile.objects.get(user=time_off.user).time_zone
    queued = 0
    for email, (name, cover) in sorted(contacts.items()):
        text = NOTICE_TEXT.format(
            name=name or "there",
            person=_name(time_off.user),
            first=time_off.first_day.strftime("%A %-d %B"),
            last=time_off.last_day.strftime("%A %-d %B %Y"),
            zone=zone,
            cover=_name(cover) if cover else "the rest of our support team",
            signature=settings.MAIL_SUPPORT_NAME,
        )
        subject = f"{_name(time_off.user)} is away {_days(time_off.first_day, time_off.last_day)}"
        if enqueue_mail(OutboxKind.NOTICE, [email], subject, text) is not None:
            queued += 1
    time_off.customers_told_at = now or timezone.now()
    time_off.save(update_fields=["customers_told_at"])
    return queued
