"""Signed, expiring acknowledgement links: whoever holds one may acknowledge one paging run,
without logging in, and do nothing else."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from sunrelay.lib.links import absolute

SALT = "sunrelay.paging.acknowledge"


class BadLink(Exception):
    """The link was altered, belongs to something else, or has expired."""


def max_age() -> timedelta:
    return timedelta(hours=settings.PAGING_ACK_LINK_HOURS)


def make(run_id: int, user_id: int | None) -> str:
    return signing.dumps([run_id, user_id or 0], salt=SALT)


def read(token: str) -> tuple[int, int | None]:
    """(run id, user id or None for a chat link); raises BadLink."""
    try:
        run_id, user_id = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise BadLink("This link has expired. Acknowledge from the ticket page.") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink("This link is not valid.") from None
    return int(run_id), (int(user_id) or None)


def url(run_id: int, user_id: int | None) -> str:
    return absolute(reverse("paging_ack", args=[make(run_id, user_id)]))
