"""The shapes of /webhooks: outgoing webhooks and their deliveries."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from sunrelay.accounts.models import Tier
from sunrelay.api.schemas import Input
from sunrelay.desk.models import Level
from sunrelay.integrations.models import DeliveryState, WebhookEvent, WebhookFormat

FORMAT = "json: the signed JSON document; slack: a chat channel's Slack-compatible message."
LEVELS = "Chat channels: only tickets of these levels (teams); empty: all."
TIERS = "Chat channels: only tickets of accounts of these tiers; empty: all."


class WebhookIn(Input):
    name: str = Field(max_length=100)
    url: str = Field(max_length=500, description="Where the signed JSON is posted (http or https).")
    events: list[WebhookEvent] = Field(min_length=1, max_length=20)
    active: bool = True
    format: WebhookFormat = Field(WebhookFormat.JSON, description=FORMAT)
    levels: list[Level] = Field([], max_length=10, description=LEVELS)
    tiers: list[Tier] = Field([], max_length=10, description=TIERS)


class WebhookPatch(Input):
    name: str | None = Field(None, max_length=100)
    url: str | None = Field(None, max_length=500)
    events: list[WebhookEvent] | None = Field(None, min_length=1, max_length=20)
    active: bool | None = None
    levels: list[Level] | None = Field(None, max_length=10, description=LEVELS)
    tiers: list[Tier] | None = Field(None, max_length=10, description=TIERS)


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    active: bool
    format: WebhookFormat
    levels: list[str]
    tiers: list[str]
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
