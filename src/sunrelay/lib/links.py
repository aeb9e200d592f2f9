"""Absolute links to Sunrelay pages, for mail and chat messages read outside the browser."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """`path` (a path on this site, as reverse() gives it) as a full URL under BASE_URL."""
    return settings.BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def ticket_url(ticket) -> str:
    return absolute(reverse("desk:ticket", args=[ticket.pk]))
