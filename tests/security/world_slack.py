"""Slack's part of the role matrix's world: the own account's shared channel. No signing
secret is set, so Slack's endpoints serve nobody here (tests/slack tries them signed)."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.slack.models import SharedChannel


def add(world, users) -> None:
    objects = world.objects
    objects["slack_channel:own"] = SharedChannel.objects.create(
        channel_id="C0WORLD01", name="own-support", account=objects["account:own"],
        created_at=timezone.now(),
    )  # fmt: skip
