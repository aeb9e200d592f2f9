"""Schemas of /csat (staff) and of a contact's own rating (/portal/tickets/{id}/rating)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from ninja import Field, Schema

from sunrelay.accounts.models import Tier
from sunrelay.api.schemas import AccountRef, Id, Input, Moment, TicketRef, UserRef
from sunrelay.csat.models import MAX_COMMENT_LENGTH, RatedVia, Rating


class RatingFilter(StrEnum):
    GOOD = "good"
    BAD = "bad"
    UNRATED = "unrated"


class SurveyOut(Schema):
    id: int
    ticket: TicketRef
    account: AccountRef | None = Field(description="The ticket's account now")
    agent: UserRef | None = Field(description="Credited with the solve: assignee, else solver")
    tier: str = Field(description="The account's tier at the solve; empty without an account")
    level: str = Field(description="The ticket's level at the solve")
    skill: str = Field(description="The requester's skill level at the solve")
    solved_at: datetime
    sent_at: datetime | None = Field(description="When the e-mail was queued; null: none sent")
    rating: Rating | None
    comment: str
    rated_at: datetime | None
    rated_via: RatedVia | None

    @staticmethod
    def resolve_account(obj):
        return obj.ticket.account

    @staticmethod
    def resolve_rating(obj):
        return obj.rating or None

    @staticmethod
    def resolve_rated_via(obj):
        return obj.rated_via or None


class SurveyPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SurveyOut]


class SurveyFilters(Schema):
    since: Moment | None = Field(None, description="Solved at or after")
    until: Moment | None = Field(None, description="Solved before")
    rating: RatingFilter | None = None
    tier: Tier | None = Field(None, description="The account's tier at the solve")
    agent: Id | None = Field(None, description="A user id: surveys credited to them")
    account: Id | None = Field(None, description="An account id")


class CsatFigure(Schema):
    key: str
    label: str
    good: int
    rated: int
    asked: int
    share_good: float | None = Field(description="good / rated, 0-1; null when none rated")
    response_rate: float | None = Field(description="rated / asked, 0-1; null when none asked")
    tickets: list[int] = Field(description="The rated tickets behind the figure")


class CsatSummary(Schema):
    overall: CsatFigure
    by_tier: list[CsatFigure]
    by_agent: list[CsatFigure]
    by_level: list[CsatFigure]
    by_skill: list[CsatFigure]


class RatingOut(Schema):
    ticket_id: int
    solved_at: datetime
    rating: Rating | None
    comment: str
    rated_at: datetime | None
    open: bool = Field(description="Whether the rating may be given or changed now")
    closed_reason: str = Field(description="Why not, in words; empty while open")


class RatingIn(Input):
    rating: Rating
    comment: str | None = Field(
        None, max_length=MAX_COMMENT_LENGTH, description="Null or left out: unchanged"
    )
