"""A shared Slack channel as a reason an account is strategic ("a customer with a private
Slack channel is likely viewed as strategic"), registered with success.strategic in
SlackConfig.ready(). SUNRELAY_SLACK_SHARED_CHANNEL_STRATEGIC=false switches it off."""

from __future__ import annotations

from django.conf import settings
from django.db.models import BooleanField, Exists, OuterRef, Value

from sunrelay.slack.models import SharedChannel
from sunrelay.success import strategic

WORDS = "a shared Slack channel"


def has_shared_channel():
    """True for the accounts with a mapped shared channel, when the setting says it counts."""
    if not settings.SLACK_SHARED_CHANNEL_STRATEGIC:
        return Value(False, output_field=BooleanField())
    return Exists(SharedChannel.objects.filter(account=OuterRef("pk")))


def register() -> None:
    strategic.register("slack_channel", WORDS, has_shared_channel)
