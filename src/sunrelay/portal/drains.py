"""The portal's clean-up in the worker (registered in PortalConfig.ready): web requests never
confirmed, sign-in links past their time and old rate-limit hits are deleted."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sunrelay.portal import limits
from sunrelay.portal.models import SignInLink, WebRequest

# Expired links stay a day, so someone following one late hears "expired", not "not valid".
KEEP_EXPIRED = timedelta(days=1)


def expire() -> bool:
    """Delete what has expired. Always False: one pass does it all."""
    now = timezone.now()
    # A confirmed request's ticket holds everything; unconfirmed ones are dropped with their
    # files once their link has expired.
    WebRequest.objects.filter(expires_at__lte=now - KEEP_EXPIRED).delete()
    SignInLink.objects.filter(expires_at__lte=now - KEEP_EXPIRED).delete()
    limits.forget_old(now)
    return False
