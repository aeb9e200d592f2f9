"""The shapes of /slack: shared channels and the accounts they belong to."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from sunrelay.api.schemas import Input


class SlackChannelIn(Input):
    channel_id: str = Field(max_length=32, description="Slack's channel id, e.g. C0123ABCD.")
    name: str = Field("", max_length=80, description="The channel's name, for people.")
    account_id: int = Field(ge=1, le=2**63 - 1)


class SlackChannelOut(Schema):
    id: int
    channel_id: str
    name: str
    account_id: int
    account_name: str = Field(alias="account.name")
    created_at: datetime
