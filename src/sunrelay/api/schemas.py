"""Schemas shared by the routers: references to related objects, paging, input config."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
)

from sunrelay.lib import bounds
from sunrelay.lib.formatting import person

# Ids are 64-bit: a larger number cannot name a row, and SQLite refuses to even compare it.
MAX_ID = bounds.MAX_ID
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# Text a list is searched by: long enough for any subject, short of SQLite's LIKE limit.
Search = Annotated[
    str, Field(max_length=bounds.MAX_SEARCH_LENGTH), AfterValidator(bounds.check_text)
]
# An e-mail address to look up.
EmailText = Annotated[str, Field(max_length=254), AfterValidator(bounds.check_text)]


def _no_nul(value):
    """Any text in a body, also inside lists and objects, without NUL characters."""
    if isinstance(value, str):
        bounds.check_text(value)
    elif isinstance(value, list | tuple):
        for item in value:
            _no_nul(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    return value


# ISO 8601 starts with the date: 2026-03-02.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _text(example: str):
    """Refuse anything but ISO 8601 text: pydantic would read 1700000000 (or "0", or
    "1e-45") as seconds since 1970, and a client sending a number meant something else."""

    def check(value):
        if isinstance(value, date):  # set by the server itself (defaults, tests)
            return value
        if not isinstance(value, str) or not _ISO.match(value):
            raise ValueError(f"Give ISO 8601 text, like {example}.")
        return value

    return BeforeValidator(check)


def _moment(value: datetime) -> datetime:
    return bounds.check_moment(as_utc(value))  # type: ignore[arg-type]


# A date and time the client sends: ISO 8601 text, UTC when it has no offset, within the
# years Sunrelay counts (lib.bounds).
Moment = Annotated[datetime, _text("2026-03-02T09:00:00Z"), AfterValidator(_moment)]
# A date and time as the client wrote it: ISO 8601 text within the same years, its offset
# kept if it has one and none added (the caller reads it in a zone it knows).
WallClock = Annotated[datetime, _text("2026-03-02T09:00:00"), AfterValidator(bounds.check_moment)]
# A calendar date the client sends, e.g. 2026-03-02, within the same years.
Day = Annotated[date, _text("2026-03-02"), AfterValidator(bounds.check_day)]


class Input(Schema):
    # Enum fields take the model's TextChoices (so the OpenAPI document lists the values) and
    # hand plain strings to the services; unknown keys are refused rather than ignored, so a
    # misspelt field is not a silent no-op.
    model_config = ConfigDict(use_enum_values=True, extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _text_fits_the_database(cls, value):
        return _no_nul(value)


class UserRef(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return person(obj)


class TicketRef(Schema):
    id: int
    subject: str


class ThemeRef(Schema):
    """A product feedback theme (docs/feedback.md)."""

    id: int
    name: str


class AccountRef(Schema):
    id: int
    name: str
    tier: str


class ContactRef(Schema):
    id: int
    name: str
    email: str


class Paging(Schema):
    limit: int = Field(50, ge=1, le=200, description="Items per page, 1 to 200.")
    offset: int = Field(0, ge=0, le=MAX_ID, description="Items to skip.")


def page(queryset: QuerySet, paging: Paging) -> dict:
    """One page of `queryset` in the API's list envelope; order the queryset first."""
    items = list(queryset[paging.offset : paging.offset + paging.limit])
    return {
        "count": queryset.count(),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": items,
    }


def as_utc(value: datetime | None) -> datetime | None:
    """Times without an offset are UTC, like every time Sunrelay stores."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# A time of day on a wall clock, in a zone the surrounding object names: "09:00:00". Not
# `format: time`, which RFC 3339 gives an offset these times cannot have (DST moves it).
LocalTime = Annotated[
    time,
    PlainSerializer(lambda value: value.strftime("%H:%M:%S"), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$",
            "description": "Local wall-clock time, HH:MM:SS, in the zone named beside it.",
            "examples": ["09:00:00"],
        }
    ),
]
