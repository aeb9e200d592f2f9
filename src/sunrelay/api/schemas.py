"""Schemas shared by the routers: references to related objects, paging, input config."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import ConfigDict

from sunrelay.lib.formatting import person

# Ids are 64-bit: a larger number cannot name a row, and SQLite refuses to even compare it.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Input(Schema):
    # Enum fields take the model's TextChoices (so the OpenAPI document lists the values) and
    # hand plain strings to the services; unknown keys are refused rather than ignored, so a
    # misspelt field is not a silent no-op.
    model_config = ConfigDict(use_enum_values=True, extra="forbid")


class UserRef(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return person(obj)


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
