"""The shapes of /accounts/{id}/health, /health/scorecards and /telemetry."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from sunrelay.api.schemas import AccountRef, Id, Input, Moment, UserRef
from sunrelay.health.models import MAX_KEY, MAX_METRIC

MAX_READINGS = 1000


class MeasureOut(Schema):
    id: int
    label: str
    source: str
    metric: str
    window_days: int
    zero_at: float = Field(description="The value that scores 0 points.")
    full_at: float = Field(description="The value that scores 100 points.")
    weight: int


class ScorecardOut(Schema):
    id: int
    name: str
    active: bool
    yellow_from: int = Field(description="Shown scores below this are red.")
    green_from: int = Field(description="Shown scores from this are green.")
    measures: list[MeasureOut]


class PartOut(Schema):
    label: str
    source: str
    value: float | None = Field(description="Null: no data, left out of the score.")
    points: float | None
    weight: int
    window_days: int
    reading: str = Field(description="The value in words.")


class DayScore(Schema):
    day: date
    shown: int
    band: str


class AlertOut(Schema):
    id: int
    text: str
    status: str
    assignee: UserRef | None
    created_at: datetime


class HealthOut(Schema):
    account: AccountRef
    day: date | None = Field(description="The latest scored day; null: no score yet.")
    score: float | None = Field(description="One decimal, e.g. 40.1.")
    shown: int | None = Field(description="The score as shown, a whole number, e.g. 40.")
    band: str | None = Field(description="red, yellow or green.")
    trend: str = Field(description="up, down or flat against the score before.")
    previous: int | None = Field(description="The shown score before this one.")
    parts: list[PartOut]
    moved: list[str] = Field(description="What moved since the score before, in words.")
    history: list[DayScore]
    open_alerts: list[AlertOut]


class ReadingIn(Input):
    key: str = Field(min_length=1, max_length=MAX_KEY, description="Unique per reading; a "
                     "key sent before is skipped, so a batch may be resent safely.")  # fmt: skip
    account_id: Id
    metric: str = Field(min_length=1, max_length=MAX_METRIC, examples=["api_calls"])
    value: float = Field(strict=True, allow_inf_nan=False, description="A finite number.")
    at: Moment


class TelemetryIn(Input):
    readings: list[ReadingIn] = Field(min_length=1, max_length=MAX_READINGS)


class RejectedOut(Schema):
    index: int = Field(description="The reading's place in the list, from 0.")
    reason: str


class TelemetryOut(Schema):
    created: int
    duplicates: int = Field(description="Readings whose key was sent before: skipped.")
    rejected: list[RejectedOut]
