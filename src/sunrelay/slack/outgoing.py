"""The durable queue of Web API calls (docs/slack.md): a reply is queued in its own
transaction, and the worker makes the call.

- Rate limits: a 429 answer waits for Slack's `Retry-After` seconds before the next attempt
  (it is not counted as a failure of the call).
- Other failures (the network, a 5xx) are retried with back-off (lib.leases.backoff), up to
  SUNRELAY_SLACK_MAX_ATTEMPTS; an error Slack gives for the call itself (`channel_not_found`,
  `not_in_channel`) fails it at once, with the error kept on the row.
- A posted message's `ts` is recorded (SlackMessage), so its thread and its edits are known.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from slack_sdk.errors import SlackApiError

from sunrelay.lib import leases
from sunrelay.slack.client import client
from sunrelay.slack.models import CallState, OutgoingCall, SlackMessage, SlackUser

logger = logging.getLogger("sunrelay.slack")

LEASE = timedelta(minutes=2)
FIRST_WAIT, LONGEST_WAIT = timedelta(seconds=30), timedelta(hours=1)
TEMPORARY = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
             "request_timeout"}  # fmt: skip


def enqueue(method: str, payload: dict, *, desk_message=None) -> OutgoingCall:
    now = timezone.now()
    return OutgoingCall.objects.create(
        method=method, payload=payload, desk_message=desk_message, next_attempt_at=now,
        created_at=now,
    )  # fmt: skip


def retry_after(error: SlackApiError) -> int | None:
    """Seconds Slack asked us to wait (a 429's Retry-After), or None when it is no 429."""
    response = error.response
    if getattr(response, "status_code", None) != 429:
        return None
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    value = headers.get("retry-after")
    value = value[0] if isinstance(value, list) else value
    try:
        return max(1, min(int(value), 3600))
    except (TypeError, ValueError):
        return 30


def send_one() -> bool:
    """Drain function: make the next due call. True when another may be due."""
    now = timezone.now()
    claimed = leases.claim_one(
        OutgoingCall,
        Q(state=CallState.QUEUED, next_attempt_at__lte=now),
        ("next_attempt_at", "id"),
        now=now,
        lease=LEASE,
        attempts=F("attempts") + 1,
    )
    if claimed is None:
        return False
    call, token = claimed
    rows = OutgoingCall.objects.filter(pk=call.pk)
    try:
        payload = _addressed(call.payload)
        if payload is None:
            leases.release(rows, token, state=CallState.FAILED,
                           last_error="No Slack user has this person's e-mail address.")  # fmt: skip
            return True
        answer = client(retry_rate_limits=False).api_call(call.method, json=payload)
    except SlackApiError as exc:
        wait = retry_after(exc)
        error = str((exc.response or {}).get("error") or exc)[:300]
        if wait is not None:
            leases.release(rows, token, next_attempt_at=timezone.now() + timedelta(seconds=wait),
                           attempts=F("attempts") - 1, last_error=f"rate limited: wait {wait} s")  # fmt: skip
        elif error not in TEMPORARY and getattr(exc.response, "status_code", 200) < 500:
            leases.release(rows, token, state=CallState.FAILED, last_error=error)
        else:
            _later(call, rows, token, error)
        return True
    except OSError as exc:
        _later(call, rows, token, f"{type(exc).__name__}: {exc}")
        return True
    if leases.release(rows, token, state=CallState.SENT, sent_at=timezone.now(), last_error=""):
        _remember(call, answer.data if hasattr(answer, "data") else {})
    return True


def _addressed(payload: dict) -> dict | None:
    """The payload to send: a direct message to an e-mail address goes to the Slack user with
    that address (users.lookupByEmail, remembered); None when there is none."""
    email = payload.get("to_email")
    if not email:
        return payload
    known = SlackUser.objects.filter(email__iexact=email).exclude(user_id="").first()
    if known is None:
        try:
            found = client(retry_rate_limits=False).users_lookupByEmail(email=email)
        except SlackApiError as exc:
            if (exc.response or {}).get("error") == "users_not_found":
                return None
            raise
        user_id = (found.get("user") or {}).get("id", "")
        if not user_id:
            return None
        known, _ = SlackUser.objects.get_or_create(user_id=user_id, defaults={"email": email})
    rest = {key: value for key, value in payload.items() if key != "to_email"}
    return rest | {"channel": known.user_id}


def _later(call: OutgoingCall, rows, token: str, error: str) -> None:
    if call.attempts >= settings.SLACK_MAX_ATTEMPTS:
        leases.release(rows, token, state=CallState.FAILED, last_error=error[:300])
        return
    wait = leases.backoff(call.attempts, FIRST_WAIT, LONGEST_WAIT)
    leases.release(rows, token, next_attempt_at=timezone.now() + wait, last_error=error[:300])


def _remember(call: OutgoingCall, data: dict) -> None:
    if call.method != "chat.postMessage" or call.desk_message_id is None:
        return
    ts, channel = data.get("ts"), data.get("channel") or call.payload.get("channel")
    if not ts or not channel:
        return
    SlackMessage.objects.get_or_create(
        channel_id=channel,
        ts=ts,
        defaults={
            "thread_ts": call.payload.get("thread_ts") or ts,
            "ticket_id": call.desk_message.ticket_id,
            "message_id": call.desk_message_id,
        },
    )
