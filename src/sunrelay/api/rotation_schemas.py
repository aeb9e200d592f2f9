"""Bodies of the rotation, override and on-call endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import field_validator

from sunrelay.api.schemas import Id, Input, LocalTime, UserRef, WallClock, as_utc
from sunrelay.lib.timezones import validate_time_zone
from sunrelay.sla.calendar import local_to_utc


class RestrictionOut(Schema):
    weekday: int = Field(description="0 is Monday.")
    start: LocalTime
    end: LocalTime = Field(description="Not after start: the window runs past midnight.")


class LayerOut(Schema):
    id: int
    name: str
    position: int = Field(description="A higher layer beats a lower one where it covers.")
    time_zone: str = Field(description="Hand-offs and restrictions are in this zone.")
    shift_length: int
    shift_unit: Literal["hours", "days", "weeks"]
    handoff_weekday: int | None = Field(
        description="Weekly shifts hand off on this day (0 Monday)."
    )
    handoff_time: LocalTime = Field(description="Local wall-clock time, kept across DST.")
    starts_on: str
    ends_at: datetime | None
    participants: list[UserRef] = Field(description="In the order they take shifts.")
    restrictions: list[RestrictionOut] = Field(description="Empty: covers the whole shift.")

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_time_zone(obj) -> str:
        return obj.zone

    @staticmethod
    def resolve_starts_on(obj) -> str:
        return obj.starts_on.isoformat()

    @staticmethod
    def resolve_participants(obj) -> list:
        return [p.user for p in obj.participants.all()]

    @staticmethod
    def resolve_restrictions(obj) -> list:
        return list(obj.restrictions.all())


class RotationOut(Schema):
    id: int
    name: str
    description: str
    time_zone: str
    level: Literal["l2", "engineering"] | None = Field(
        description="Raising a ticket to this level assigns the person on call here."
    )
    layers: list[LayerOut]

    @staticmethod
    def resolve_level(obj) -> str | None:
        return obj.level or None

    @staticmethod
    def resolve_layers(obj) -> list:
        return list(obj.layers.all())


class RotationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RotationOut]


class ShiftOut(Schema):
    start: datetime
    end: datetime = Field(description="Exclusive.")
    person: UserRef | None = Field(description="null: a gap, nobody on call.")
    source: Literal["layer", "override", "gap"]
    layer_id: int | None
    override_id: int | None
    conflict: str | None = Field(None, description="Why the person cannot take it (time off).")


class ShiftsOut(Schema):
    rotation_id: int
    start: datetime
    end: datetime
    items: list[ShiftOut] = Field(description="Consecutive, clipped to the window, gaps included.")


class OnCallOut(Schema):
    rotation_id: int
    at: datetime
    current: ShiftOut = Field(description="The shift (or gap) at `at`, overrides included.")
    next: ShiftOut | None = Field(description="The next shift with a person after it.")


class OverrideOut(Schema):
    id: int
    rotation_id: int
    user: UserRef
    starts_at: datetime
    ends_at: datetime
    reason: str
    created_by: UserRef | None
    created_at: datetime


class OverrideIn(Input):
    user_id: Id
    starts_at: WallClock = Field(
        description="Without an offset: UTC, or a wall-clock time in `time_zone` when given."
    )
    ends_at: WallClock
    time_zone: str | None = Field(
        None,
        description=(
            "IANA name (e.g. the rotation's). Times without an offset are read in this zone by "
            "the calendars' rules: a time skipped when the clocks go forward moves forward by "
            "the gap, a time that occurs twice is its first occurrence; give the offset "
            "(`2026-10-25T02:30:00+01:00`) to name the second. An offset the zone does not "
            "have at that time is refused."
        ),
    )
    reason: str = Field("", max_length=200)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                validate_time_zone(value)
            except ValidationError as exc:
                raise ValueError(exc.messages[0]) from None
        return value

    def instant(self, name: str) -> datetime:
        """`starts_at` or `ends_at` as an instant (UTC); ValidationError on that field when
        `time_zone` does not show the time at the offset given."""
        value: datetime = getattr(self, name)
        if not self.time_zone:
            return as_utc(value)
        offset = value.utcoffset() if value.tzinfo is not None else None
        try:
            return local_to_utc(value.replace(tzinfo=None), self.time_zone, offset)
        except ValueError as exc:
            raise ValidationError({name: str(exc)}) from None


class PolicyStepOut(Schema):
    position: int
    kind: Literal["notify_on_call", "notify_people", "notify_webhook", "wait"]
    rotation_id: int | None
    people: list[UserRef]
    webhook: str | None = Field(description="The webhook's name (its URL and secret stay private).")
    wait_minutes: int

    @staticmethod
    def resolve_people(obj) -> list:
        return list(obj.people.all())

    @staticmethod
    def resolve_webhook(obj) -> str | None:
        return obj.webhook.name if obj.webhook_id else None


class EscalationPolicyOut(Schema):
    id: int
    name: str
    description: str
    repeat_times: int = Field(description="After the last step, the steps run again this often.")
    is_default: bool
    steps: list[PolicyStepOut]

    @staticmethod
    def resolve_steps(obj) -> list:
        return list(obj.steps.all())
