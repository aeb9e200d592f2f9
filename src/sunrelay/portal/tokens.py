"""Contacts' API tokens, for /api/v1/portal/ only.

Kept apart from staff tokens (api.tokens): another table, another prefix ("srp_"), another
authentication class, so a contact's token never opens a staff endpoint and a staff token
never opens a contact's. Like staff tokens, a token is shown once and stored as its SHA-256.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.portal.keys import digest, new_secret
from sunrelay.portal.models import ContactToken

TOKEN_PREFIX = "srp_"  # noqa: S105 -- a marker that says "Sunrelay portal token", not a secret
DISPLAY_PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
LAST_USED_RESOLUTION = timedelta(minutes=1)


def create_token(contact: Contact, name: str = "", *, by=None) -> tuple[ContactToken, str]:
    """Issue a token for `contact` (`by`: the staff member issuing it, if not the contact);
    returns the stored row and the raw token to show once."""
    for _attempt in range(5):
        raw, hashed = new_secret(TOKEN_PREFIX)
        try:
            with transaction.atomic():
                token = ContactToken.objects.create(
                    contact=contact,
                    name=name.strip()[:100],
                    prefix=raw[:DISPLAY_PREFIX_LENGTH],
                    token_hash=hashed,
                    created_by=by,
                )
        except IntegrityError:
            continue  # two tokens sharing their first 8 random characters: draw again
        return token, raw
    raise RuntimeError("Could not draw a unique token prefix.")


def authenticate(raw: str) -> Contact | None:
    """The contact an active token belongs to; None for anything else (a staff token too)."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ContactToken.objects.select_related("contact", "contact__account")
        .filter(token_hash=digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ContactToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.contact


def revoke(token: ContactToken) -> None:
    """Revoking twice is harmless."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
