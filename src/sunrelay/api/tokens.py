"""Issuing, checking and revoking API tokens.

A token is shown once, when it is created; afterwards only its prefix is known.
Never log a token or put one in an exception message.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.api.models import ApiToken

TOKEN_PREFIX = "sr_"  # noqa: S105 -- a marker that says "Sunrelay token", not a secret
# "sr_" plus 8 characters of the random part: enough to tell a user's tokens apart.
DISPLAY_PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# Recording every request would turn each read into a write; a minute is precise enough
# to answer "is this token still in use?".
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user, name: str = "") -> tuple[ApiToken, str]:
    """Issue a token for `user`; returns the stored row and the raw token to show once."""
    for _attempt in range(5):
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        try:
            # A savepoint, so a prefix collision does not break the caller's transaction.
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    name=name.strip()[:100],
                    prefix=raw[:DISPLAY_PREFIX_LENGTH],
                    token_hash=hash_token(raw),
                )
        except IntegrityError:
            continue  # two tokens sharing their first 8 random characters: draw again
        return token, raw
    raise RuntimeError("Could not draw a unique API token prefix.")


def authenticate(raw: str):
    """The active user a token belongs to, or None for unknown, revoked or inactive."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_own(user, token_id: int) -> ApiToken | None:
    """Revoke one of `user`'s own tokens (the settings page); None when they have no such token."""
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is not None and token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def revoke_token(prefix: str) -> ApiToken | None:
    """Revoke the token with this prefix; None when there is none. Revoking twice is harmless."""
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None:
        return None
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
