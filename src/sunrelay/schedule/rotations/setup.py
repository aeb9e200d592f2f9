"""Setting up rotations: the rotation, its layers, who takes turns in them and when a layer
covers at all (restrictions). Every write to them happens here; overrides have their own
rules (schedule.overrides).

Support leads set rotations up; everyone sees them on the rotation pages. Rule violations
raise ValidationError per field, access PermissionDenied. The pages, the API, raising a
level and paging read rotations fresh, so a change counts from the next question asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sunrelay.lib.formatting import person
from sunrelay.schedule.rotations.models import Layer, Participant, Restriction, Rotation
from sunrelay.team.roles import is_lead, works_tickets

Week = Mapping[int, Iterable[tuple[time, time]]]


def can_set_up(user) -> bool:
    return is_lead(user)


def check_can_set_up(user) -> None:
    if not can_set_up(user):
        raise PermissionDenied("Only a support lead sets up rotations and their layers.")


def _clean(row, errors: dict, exclude=()) -> None:
    try:
        row.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)


@transaction.atomic
def save_rotation(
    actor,
    rotation: Rotation | None,
    *,
    name: str,
    time_zone: str,
    description: str = "",
    level: str = "",
) -> Rotation:
    """Create (rotation None) or change a rotation. `level` ("l2", "engineering" or "") is
    the ticket level it staffs: raising a ticket to it assigns whoever is on call."""
    check_can_set_up(actor)
    row = rotation or Rotation()
    row.name, row.time_zone = (name or "").strip(), (time_zone or "").strip()
    row.description, row.level = (description or "").strip(), level or ""
    errors: dict = {}
    _clean(row, errors, exclude=["created_at"])
    taken = Rotation.objects.filter(name__iexact=row.name).exclude(pk=row.pk)
    if row.name and taken.exists():
        errors.setdefault("name", []).append(f"There is already a rotation named {row.name}.")
    if errors:
        raise ValidationError(errors)
    row.save()
    return row


@transaction.atomic
def save_layer(
    actor,
    rotation: Rotation,
    layer: Layer | None,
    *,
    position: int,
    handoff_time: time,
    starts_on: date,
    participants: Iterable,
    name: str = "",
    time_zone: str = "",
    shift_length: int = 1,
    shift_unit: str = "weeks",
    handoff_weekday: int | None = None,
    ends_at: datetime | None = None,
    restrictions: Week | None = None,
) -> Layer:
    """Create (layer None) or change a layer of `rotation`. `participants` take shifts in the
    order given; `restrictions` (weekly local windows) replace the layer's, none: it covers
    whole shifts. A weekly layer hands off on `handoff_weekday`, or on the weekday of
    `starts_on` when none is given (rotations.resolve)."""
    check_can_set_up(actor)
    row = layer or Layer(rotation=rotation)
    row.position, row.name, row.time_zone = position, (name or "").strip(), time_zone or ""
    row.shift_length, row.shift_unit = shift_length, shift_unit
    row.handoff_weekday, row.handoff_time = handoff_weekday, handoff_time
    row.starts_on, row.ends_at = starts_on, ends_at
    errors: dict = {}
    _clean(row, errors, exclude=["rotation"])
    if row.shift_length is not None and row.shift_length < 1:
        errors.setdefault("shift_length", []).append("A shift lasts at least one unit.")
    clash = Layer.objects.filter(rotation=rotation, position=position).exclude(pk=row.pk)
    if clash.exists():
        errors.setdefault("position", []).append(
            f"Layer {position} exists already: give this one another number."
        )
    people = list(dict.fromkeys(participants))
    for user in people:
        if not (user.is_active and works_tickets(user)):
            errors.setdefault("participants", []).append(
                f"{person(user)} cannot be on call: only active support staff take turns."
            )
    if errors:
        raise ValidationError(errors)
    row.save()
    row.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(layer=row, user=user, position=index) for index, user in enumerate(people)
    )
    if restrictions is not None:
        row.restrictions.all().delete()
        Restriction.objects.bulk_create(
            Restriction(layer=row, weekday=day, start=start, end=end)
            for day, stretches in sorted(restrictions.items())
            for start, end in stretches
        )
    return row


@transaction.atomic
def delete_layer(actor, layer: Layer) -> None:
    check_can_set_up(actor)
    layer.delete()
