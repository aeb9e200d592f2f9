"""Read-only share links of the themes for product: a random token a lead makes and revokes;
the page behind it needs no log-in and shows the themes' numbers, never quotes or names of
accounts or contacts."""

from __future__ import annotations

import secrets

from django.utils import timezone

from sunrelay.feedback import access
from sunrelay.feedback.models import ShareLink


def make(user) -> ShareLink:
    access.check_lead(user)
    return ShareLink.objects.create(
        token=secrets.token_urlsafe(32), created_by=user, created_at=timezone.now()
    )


def revoke(user, link: ShareLink) -> None:
    access.check_lead(user)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def find(token: str) -> ShareLink | None:
    return ShareLink.objects.filter(token=token, revoked_at__isnull=True).first()
