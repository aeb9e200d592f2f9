"""Is a request really from Slack? (https://api.slack.com/authentication/verifying-requests-from-slack)

- The X-Slack-Signature must be the HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing
  secret (slack_sdk's SignatureVerifier computes and compares it in constant time).
- The X-Slack-Request-Timestamp must be within five minutes of now: an old request is refused
  even when its signature is right.
- A request whose signature was already accepted is a replay and is refused: the raw row of
  every accepted request keeps its signature, unique (slack.models.RawEvent). Slack's own
  retries are signed anew and pass here; their repeated event_id makes them duplicates.
"""

from __future__ import annotations

import time

from slack_sdk.signature import SignatureVerifier

WINDOW_SECONDS = 60 * 5


def refusal(secret: str, body: bytes, timestamp: str | None, signature: str | None) -> str:
    """Why the request is refused, in words; "" when it is verified."""
    if not secret:
        return "Slack is not set up here (no signing secret)."
    if not timestamp or not signature:
        return "The request is not signed."
    try:
        sent = int(timestamp)
    except ValueError:
        return "The request's timestamp is not a number."
    if abs(time.time() - sent) > WINDOW_SECONDS:
        return "The request's timestamp is more than five minutes away from now."
    verifier = SignatureVerifier(secret)
    if not verifier.is_valid(body=body, timestamp=timestamp, signature=signature):
        return "The signature does not match the signing secret."
    return ""


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack would send with `body` (for tests and the demo)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
