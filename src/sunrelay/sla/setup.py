"""Setting up business calendars and SLA policies: every write to them happens here.

Support leads change them; everyone with a role may read them. Rule violations raise
ValidationError with a message per field, access PermissionDenied. Any change moves the SLA
configuration's version (sla.signals), so every process reloads it and the worker recomputes
the open tickets' deadlines (sla.services.refresh_one_stale).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import Channel, Priority
from sunrelay.desk.services import normalize_tags
from sunrelay.sla import holidays as holiday_files
from sunrelay.sla.clock import Metric
from sunrelay.sla.models import Calendar, CalendarInterval, Holiday, Policy, Target
from sunrelay.team.roles import is_lead

Week = Mapping[int, Iterable[tuple[time, time]]]
# Positions are spread out so a policy can be put between two without renumbering.
POSITION_STEP = 10


def can_configure(user) -> bool:
    return is_lead(user)


def check_can_configure(user) -> None:
    if not can_configure(user):
        raise PermissionDenied("Only a support lead can change calendars and SLA policies.")


def _full_clean(row, errors: dict, exclude=()) -> None:
    try:
        row.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)


def _unique_name(model, row, errors: dict) -> None:
    taken = model.objects.filter(name__iexact=row.name)
    if row.pk is not None:
        taken = taken.exclude(pk=row.pk)
    if row.name and taken.exists():
        errors.setdefault("name", []).append(f"There is already one named {row.name}.")


def _set_intervals(calendar: Calendar, week: Week) -> None:
    calendar.intervals.all().delete()
    CalendarInterval.objects.bulk_create(
        CalendarInterval(calendar=calendar, weekday=day, start=start, end=end)
        for day, stretches in sorted(week.items())
        for start, end in stretches
    )


@transaction.atomic
def save_calendar(
    actor, calendar: Calendar | None, *, name: str, time_zone: str, week: Week | None = None
) -> Calendar:
    """Create (calendar None) or change a calendar; `week` replaces its working intervals
    (Monday = 0; an end not after the start runs past midnight, sla.calendar)."""
    check_can_configure(actor)
    row = calendar or Calendar()
    row.name, row.time_zone = (name or "").strip(), (time_zone or "").strip()
    errors: dict = {}
    _full_clean(row, errors, exclude=["updated_at"])
    _unique_name(Calendar, row, errors)
    for day in week or {}:
        if not 0 <= day <= 6:
            errors.setdefault("week", []).append(f"{day} is not a weekday (0 to 6).")
    if errors:
        raise ValidationError(errors)
    row.save()
    if week is not None:
        _set_intervals(row, week)
    return row


@transaction.atomic
def add_holiday(actor, calendar: Calendar, *, day: date, name: str = "") -> Holiday:
    check_can_configure(actor)
    name = (name or "").strip()
    if len(name) > 200:
        raise ValidationError({"name": "Keep the holiday's name under 200 characters."})
    if calendar.holidays.filter(date=day).exists():
        raise ValidationError(
            {"day": f"{day.day} {day:%b %Y} is a holiday of {calendar.name} already."}
        )
    holiday = Holiday.objects.create(calendar=calendar, date=day, name=name)
    calendar.save()  # updated_at moves with its holidays
    return holiday


@transaction.atomic
def remove_holiday(actor, holiday: Holiday) -> None:
    check_can_configure(actor)
    calendar = holiday.calendar
    holiday.delete()
    calendar.save()


def import_holidays(actor, calendar: Calendar, data: bytes) -> tuple[int, int]:
    """The all-day events of an iCalendar file as holidays; (added, already there)."""
    check_can_configure(actor)
    try:
        return holiday_files.import_ics(calendar, data)
    except ValueError as exc:
        raise ValidationError({"file": f"Not a usable iCalendar file: {exc}"}) from None


def _choices(field: str, values: Iterable[str], choices, errors: dict) -> list[str]:
    values = list(dict.fromkeys(v for v in values if v))
    wrong = [v for v in values if v not in choices.values]
    if wrong:
        errors.setdefault(field, []).append(
            f"{', '.join(wrong)}: not one of {', '.join(choices.values)}."
        )
    return values


def _next_position() -> int:
    last = Policy.objects.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + POSITION_STEP


@transaction.atomic
def save_policy(
    actor,
    policy: Policy | None,
    *,
    name: str,
    active: bool = True,
    tiers: Iterable[str] = (),
    priorities: Iterable[str] = (),
    channels: Iterable[str] = (),
    tags: Iterable[str] = (),
    calendar: Calendar | None = None,
    warn_share: float = 0.75,
    targets: Mapping[str, tuple[int, bool] | None] | None = None,
) -> Policy:
    """Create (policy None: last in order) or change a policy. `targets` maps a metric to
    (minutes, business) or None to remove it; metrics left out stay as they are."""
    check_can_configure(actor)
    row = policy or Policy(position=_next_position())
    errors: dict = {}
    row.name = (name or "").strip()
    row.active = bool(active)
    row.tiers = _choices("tiers", tiers, Tier, errors)
    row.priorities = _choices("priorities", priorities, Priority, errors)
    row.channels = _choices("channels", channels, Channel, errors)
    try:
        row.tags = normalize_tags(tags)
    except ValidationError as exc:
        errors.setdefault("tags", []).extend(exc.messages)
    row.calendar = calendar
    row.warn_share = warn_share
    _full_clean(row, errors, exclude=["updated_at", "tiers", "priorities", "channels", "tags"])
    _unique_name(Policy, row, errors)
    rows = _targets(row, targets or {}, errors)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError({"name": f"There is already one named {row.name}."}) from None
    for metric, target in rows.items():
        Target.objects.filter(policy=row, metric=metric).delete()
        if target is not None:
            target.policy = row
            target.save()
    return row


def _targets(policy: Policy, targets: Mapping, errors: dict) -> dict[str, Target | None]:
    rows: dict[str, Target | None] = {}
    for metric, value in targets.items():
        if metric not in {m.value for m in Metric}:
            errors.setdefault("targets", []).append(f"{metric} is not an SLA target.")
        elif value is None:
            rows[metric] = None
        else:
            minutes, business = value
            target = Target(metric=metric, minutes=minutes, business=bool(business))
            found: dict = {}
            _full_clean(target, found, exclude=["policy"])
            if found:
                label = metric.replace("_", " ")
                errors.setdefault(metric, []).append(
                    f"The {label} target is a whole number of minutes, 1 or more."
                )
            rows[metric] = target
    return rows


@transaction.atomic
def move_policy(actor, policy: Policy, steps: int) -> None:
    """Move `policy` up (steps < 0) or down in the matching order; positions are renumbered
    10, 20, 30… on the way."""
    check_can_configure(actor)
    ordered = list(Policy.objects.select_for_update().order_by("position", "id"))
    index = next(i for i, p in enumerate(ordered) if p.pk == policy.pk)
    target = max(0, min(len(ordered) - 1, index + steps))
    ordered.insert(target, ordered.pop(index))
    for number, row in enumerate(ordered, start=1):
        if row.position != number * POSITION_STEP:
            row.position = number * POSITION_STEP
            row.save(update_fields=["position", "updated_at"])
