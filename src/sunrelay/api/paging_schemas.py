"""Bodies of the paging endpoints and of the one that raises a ticket's level.

EscalateIn and EscalationOut keep their first names: they are the OpenAPI schema names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from sunrelay.api.schemas import Input, UserRef
from sunrelay.desk.models import Level


class PageIn(Input):
    reason: str = Field(description="Why it is urgent; required: paging interrupts someone.")


class EscalateIn(Input):
    level: Literal["l2", "engineering"]
    reason: str = ""
    bug_url: str = Field("", description="Engineering needs this or repro_notes.")
    repro_notes: str = Field("", description="Recorded as an internal note on the ticket.")


class EscalationOut(Schema):
    ticket_id: int
    level: Level
    assignee: UserRef | None
    why: str = Field(description="How the assignee was chosen.")


class NotificationOut(Schema):
    id: int
    created_at: datetime
    pass_number: int = Field(description="0 the first time through the policy.")
    step_index: int
    channel: Literal["email", "slack", "json", "none"]
    target: str
    state: Literal["queued", "sending", "sent", "failed", "skipped"]
    attempts: int
    last_error: str
    sent_at: datetime | None


class PagingRunOut(Schema):
    id: int
    ticket_id: int
    policy: str
    state: Literal["pending", "active", "acknowledged", "exhausted", "cancelled"]
    source: Literal["agent", "api", "keywords", "sla_breach"]
    reason: str
    paged_by: UserRef | None
    created_at: datetime
    started_at: datetime | None
    step_index: int = Field(description="The next step to run.")
    pass_number: int
    next_at: datetime | None = Field(description="When the next step runs, while paging.")
    acknowledged_at: datetime | None
    acknowledged_by: UserRef | None
    acknowledged_via: Literal["link", "page", "api"] | None
    ended_at: datetime | None
    notifications: list[NotificationOut]

    @staticmethod
    def resolve_policy(obj) -> str:
        return obj.policy.name

    @staticmethod
    def resolve_acknowledged_via(obj) -> str | None:
        return obj.acknowledged_via or None

    @staticmethod
    def resolve_notifications(obj) -> list:
        return list(obj.notifications.all())
