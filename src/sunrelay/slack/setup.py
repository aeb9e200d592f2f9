"""The lead's set-up of Slack (the settings page and the API call these): the credentials, the
ticket reaction, the shared channels and their accounts, and the check of the token against
the Web API (auth.test). Credentials are never logged; a blank field keeps the stored value.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from slack_sdk.errors import SlackApiError

from sunrelay.slack.client import client, installation
from sunrelay.slack.models import Installation, SharedChannel
from sunrelay.team.roles import is_lead

CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,31}")
REACTION = re.compile(r"[a-z0-9_+'-]{1,64}")


def check_lead(user) -> None:
    if not is_lead(user):
        raise PermissionDenied("Slack is set up by support leads and admins.")


def save(user, *, bot_token="", signing_secret="", ticket_reaction=None, team_channel=None):
    check_lead(user)
    row = installation()
    errors = {}
    bot_token, signing_secret = bot_token.strip(), signing_secret.strip()
    if bot_token and not bot_token.startswith("xoxb-"):
        errors["bot_token"] = "A bot token starts with xoxb- (OAuth & Permissions page)."  # noqa: S105
    if signing_secret and not re.fullmatch(r"[0-9a-f]{16,64}", signing_secret):
        errors["signing_secret"] = (
            "A signing secret is 32 hexadecimal characters (Basic Information)."  # noqa: S105
        )
    if ticket_reaction is not None:
        ticket_reaction = ticket_reaction.strip().strip(":") or "ticket"
        if not REACTION.fullmatch(ticket_reaction):
            errors["ticket_reaction"] = "An emoji name as Slack writes it, e.g. ticket."
    if team_channel:
        team_channel = team_channel.strip()
        if not CHANNEL_ID.fullmatch(team_channel):
            errors["team_channel"] = "A channel id such as C0123ABCD (the channel's details)."
    if errors:
        raise ValidationError(errors)
    if bot_token:
        row.bot_token, row.team_id, row.bot_user_id, row.checked_at = bot_token, "", "", None
    if signing_secret:
        row.signing_secret = signing_secret
    if ticket_reaction is not None:
        row.ticket_reaction = ticket_reaction
    if team_channel is not None:
        row.team_channel = team_channel
    row.updated_at, row.updated_by = timezone.now(), user
    row.save()
    return row


def verify(row: Installation | None = None) -> tuple[bool, str]:
    """Ask Slack whose token this is (auth.test); records and returns (ok, words)."""
    row = row or installation()
    if not row.bot_token or not row.signing_secret:
        return False, "Slack is not set up: paste the bot token and the signing secret."
    try:
        answer = client(row.bot_token).auth_test()
        ok = True
        words = f"The token works: bot {answer.get('user', '?')} in {answer.get('team', '?')}."
        row.team_id, row.bot_user_id = answer.get("team_id", ""), answer.get("user_id", "")
    except SlackApiError as exc:
        ok, words = False, f"Slack refused the token: {exc.response.get('error', 'error')}."
    except OSError as exc:
        ok, words = False, f"Slack's Web API cannot be reached: {type(exc).__name__}."
    row.checked_at, row.check_result = timezone.now(), words[:300]
    row.save(update_fields=["team_id", "bot_user_id", "checked_at", "check_result"])
    return ok, words


def map_channel(user, *, channel_id: str, account, name: str = "") -> SharedChannel:
    check_lead(user)
    channel_id = channel_id.strip()
    if not CHANNEL_ID.fullmatch(channel_id):
        raise ValidationError({"channel_id": "A channel id such as C0123ABCD."})
    try:
        with transaction.atomic():
            return SharedChannel.objects.create(
                channel_id=channel_id, name=name.strip().lstrip("#")[:80], account=account,
                created_at=timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            {"channel_id": "This channel is mapped already: remove it first."}
        ) from None


def unmap_channel(user, channel: SharedChannel) -> None:
    """The channel's tickets stay; its new messages open none."""
    check_lead(user)
    channel.delete()
