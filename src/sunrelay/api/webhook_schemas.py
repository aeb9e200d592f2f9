"""The shapes of /webhooks: outgoing webhooks and their deliveries."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from sunrelay.api.schemas import Input
from sunrelay.integrations.models import DeliveryState, WebhookEvent


class WebhookIn(Input):
    name: str = Field(max_length=100)
    url: str = Field(max_length=500, description="Where the signed JSON is posted (http or https).")
    events: list[WebhookEvent] = Field(min_length=1, max_length=20)
    active: bool = True


class WebhookPatch(Input):
    name: str | None = Field(None, max_length=100)
    url: str | None = Field(None, max_length=500)
    events: list[WebhookEvent] | None = Field(None, min_length=1, max_length=20)
    active: bool | None = None


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(
        description="Signs every body (X-Sunrelay-Signature); shown only in this answer."
    )


class DeliveryOut(Schema):
    id: int
    webhook_id: int
    event: str
    ticket_id: int | None
    key: str = Field(description="X-Sunrelay-Delivery: the same on every attempt.")
    state: DeliveryState
    attempts: int
    response_status: int | None
    last_error: str
    next_attempt_at: datetime
    created_at: datetime
    sent_at: datetime | None
    resent_from_id: int | None


class DeliveryPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DeliveryOut]
