"""The shapes of an account's contact cadence and touches, and of the rituals' agendas and
meeting notes (docs/success.md)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from sunrelay.api.schemas import AccountRef, Day, Input, TicketRef, UserRef
from sunrelay.success.models import MAX_LINE, MAX_TEXT, RequestStatus, TouchKind


class CadenceOut(Schema):
    every_days: int | None = Field(description="Null: no cadence (not strategic, none set).")
    last_touch: date | None
    next_touch: date | None
    overdue: bool = Field(description="The next touch is before today (the caller's time zone).")
    saved: bool = Field(description="False: the default for strategic accounts.")


class CadenceIn(Input):
    every_days: int = Field(ge=1, le=365)
    next_touch: Day | None = Field(None, description="Null: planned from the next touch.")


class TouchOut(Schema):
    id: int
    kind: TouchKind
    on: date
    by: UserRef | None
    note: str
    ticket: TicketRef | None


class TouchIn(Input):
    kind: TouchKind = Field(TouchKind.CALL, description="reply is counted by the desk itself.")
    on: Day | None = Field(None, description="Null: today in the caller's time zone.")
    note: str = Field("", max_length=MAX_LINE)


class RequestRef(Schema):
    id: int
    customer_name: str
    status: RequestStatus
    account: AccountRef | None
    requester: UserRef | None


class AgendaThemeOut(Schema):
    name: str
    this_week: int
    week_before: int
    grew: bool
    population: str = Field(description='Who asks, e.g. "14 accounts, $48,200 MRR, …".')


class AgendaOut(Schema):
    ritual: str
    at: datetime
    new_requests: list[RequestRef] = Field(
        [], description="Office hours: support requests still new."
    )
    breached: list[TicketRef] = Field([], description="Office hours: open, SLA breached.")
    interesting: list[TicketRef] = Field(
        [], description="Office hours: flagged interesting this week."
    )
    themes: list[AgendaThemeOut] = Field(
        [], description="Feedback review: themes, those that grew first."
    )


class NotesIn(Input):
    notes: str = Field(min_length=1, max_length=MAX_TEXT)


class NotesOut(Schema):
    ritual: str
    held_on: date
    notes: str
    author: UserRef | None
    saved_at: datetime
