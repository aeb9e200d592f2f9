"""The shapes of /account-teams, /support-requests and /tickets/{id}/context."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from sunrelay.api.schemas import AccountRef, Id, Input, TicketRef, UserRef
from sunrelay.success.models import MAX_LINE, MAX_LINK, MAX_TEXT, RequestStatus


class TeamOut(Schema):
    account: AccountRef
    mrr: Decimal
    strategic: bool = Field(
        description="Flagged, a shared Slack channel, or among the top MRR share (docs/success.md)."
    )
    ae: UserRef | None
    ce: UserRef | None


class TeamPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TeamOut]


class TeamIn(Input):
    ae_id: Id | None = Field(None, description="The account executive (sales role); null: none.")
    ce_id: Id | None = Field(None, description="The customer engineer; null: none.")
    reason: str = Field("", max_length=MAX_LINE, description="Why the team changes.")


class TeamChangeOut(Schema):
    ae: UserRef | None
    ce: UserRef | None
    changed_by: UserRef | None
    changed_at: datetime
    reason: str


class LoadOut(Schema):
    engineer: UserRef
    accounts: int
    mrr: Decimal
    strategic: int
    open_tickets: int
    breaches: int
    state: str = Field(description="under, within or over the band.")


class MoveOut(Schema):
    account: AccountRef
    from_engineer: UserRef
    to_engineer: UserRef
    reason: str


class CapacityOut(Schema):
    low: int
    high: int
    engineers: list[LoadOut]
    unpaired: list[AccountRef] = Field(description="Accounts without a customer engineer.")
    moves: list[MoveOut] = Field(description="Suggested moves to bring everyone into the band.")


class ContextIn(Input):
    customer_name: str = Field(min_length=1, max_length=MAX_LINE)
    issue_link: str = Field(
        min_length=1, max_length=MAX_LINK, description="Chat, tracker or ticket #."
    )
    background: str = Field(min_length=1, max_length=MAX_TEXT)


class ContextOut(Schema):
    id: int
    customer_name: str
    issue_link: str
    background: str
    author: UserRef | None
    created_at: datetime


class RequestIn(Input):
    customer_name: str = Field(min_length=1, max_length=MAX_LINE)
    issue_link: str = Field(min_length=1, max_length=MAX_LINK)
    ask: str = Field(min_length=1, max_length=MAX_TEXT, description="What's the ask.")
    why: str = Field(min_length=1, max_length=MAX_TEXT, description="Why we make this ask.")
    if_not: str = Field(
        min_length=1, max_length=MAX_TEXT, description="What happens if we don't act."
    )
    timing: str = Field("", max_length=MAX_TEXT, description="A time consideration, and why.")
    anything_else: str = Field("", max_length=MAX_TEXT)
    account_id: Id | None = None
    ticket_id: Id | None = None


class DecisionIn(Input):
    status: RequestStatus
    answer: str | None = Field(None, max_length=MAX_TEXT, description="Left out: unchanged.")


class RequestOut(Schema):
    id: int
    customer_name: str
    issue_link: str
    ask: str
    why: str
    if_not: str
    timing: str
    anything_else: str
    status: str
    answer: str
    account: AccountRef | None
    ticket: TicketRef | None
    requester: UserRef | None
    decided_by: UserRef | None
    created_at: datetime
    updated_at: datetime


class RequestPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RequestOut]


class RequestFilters(Schema):
    status: RequestStatus | None = None
