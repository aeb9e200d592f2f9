"""Schemas of /articles and /macros."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from sunrelay.api.schemas import Id, Input, UserRef
from sunrelay.desk.models import Level, Priority, Status
from sunrelay.kb.models import Visibility


class AreaRef(Schema):
    id: int
    name: str
    slug: str


class ArticleOut(Schema):
    id: int
    slug: str
    title: str
    visibility: Visibility
    product_area: AreaRef | None
    version: int
    body: str = Field(description="Markdown, for everyone")
    beginner: str = Field(description="Markdown for beginners; empty: they read the body")
    intermediate: str
    advanced: str
    updated_at: datetime


class ArticleIn(Input):
    title: str = Field(max_length=200)
    body: str = Field(max_length=100_000)
    beginner: str = Field("", max_length=100_000)
    intermediate: str = Field("", max_length=100_000)
    advanced: str = Field("", max_length=100_000)
    visibility: Visibility = Visibility.INTERNAL
    product_area_id: Id | None = None
    note: str = Field("", max_length=200, description="What this version changes")


class ArticlePatch(Input):
    title: str = Field(None, max_length=200)
    body: str = Field(None, max_length=100_000)
    beginner: str = Field(None, max_length=100_000)
    intermediate: str = Field(None, max_length=100_000)
    advanced: str = Field(None, max_length=100_000)
    visibility: Visibility = None
    product_area_id: Id | None = None
    note: str = Field("", max_length=200)


class ArticleFilters(Schema):
    q: str | None = Field(None, max_length=500, description="Words in the title or text")
    area: str | None = Field(None, max_length=80, description="A product area's slug")
    visibility: Visibility | None = None


class VersionOut(Schema):
    number: int
    title: str
    note: str
    author: UserRef | None
    created_at: datetime


class MacroChanges(Input):
    status: Status | None = None
    priority: Priority | None = None
    level: Level | None = None
    tags: list[str] = Field(default_factory=list, max_length=20)


class MacroOut(Schema):
    id: int
    name: str
    body: str
    changes: dict
    owner: UserRef | None
    team: str
    uses: int


class MacroIn(Input):
    name: str = Field(max_length=120)
    body: str = Field(max_length=20_000)
    changes: MacroChanges = Field(default_factory=MacroChanges)
    shared: bool = Field(False, description="Shared with a team (or everyone): leads only")
    team: str = Field("", max_length=20, description="A role, e.g. support; empty: everyone")


class MacroPatch(Input):
    name: str = Field(None, max_length=120)
    body: str = Field(None, max_length=20_000)
    changes: MacroChanges = None
    team: str = Field(None, max_length=20)


class MacroApply(Input):
    ticket_id: Id
    body: str | None = Field(
        None, max_length=20_000, description="The agent's edit of the text; default: the macro's"
    )
    public: bool = Field(True, description="A public reply (e-mailed) or an internal note")


class Applied(Schema):
    ticket_id: int
    message_id: int


class ArticlePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ArticleOut]


class MacroPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MacroOut]
