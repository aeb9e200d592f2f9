"""Rate limits kept in the database, so every web process and worker counts the same hits.

A limit is a number of attempts per key (an e-mail address, a network) and scope (sign-in
links, web-form requests) within a sliding hour. Keys are stored as keyed hashes (HMAC with
the secret key): the table says how often, never who. IPv6 visitors are counted per /64
network, the block one household or server usually holds, so changing the last bits of the
address does not reset the count.

Two requests arriving at the same instant may both pass the last free place: the limits slow
down abuse, they do not meter it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from sunrelay.portal.models import RateHit

WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Limit:
    scope: str
    value: str  # the address or IP counted
    allowed: int  # attempts per WINDOW


class RateLimited(Exception):
    """Too many attempts; the message says so in words."""


def network(ip: str) -> str:
    """The unit an IP address is counted in: itself (IPv4), its /64 (IPv6)."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return ip or "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _key(limit: Limit) -> str:
    value = limit.value.strip().lower()
    return salted_hmac("sunrelay.portal.limits", f"{limit.scope}:{value}").hexdigest()


def hit(*limits: Limit, message: str) -> None:
    """Count one attempt against each limit, or raise RateLimited(message) when any of them
    is used up (then nothing is counted: a refused attempt does not extend the wait)."""
    now = timezone.now()
    keys = [(limit, _key(limit)) for limit in limits]
    for limit, key in keys:
        used = RateHit.objects.filter(scope=limit.scope, key=key, at__gt=now - WINDOW).count()
        if used >= limit.allowed:
            raise RateLimited(message)
    RateHit.objects.bulk_create(RateHit(scope=limit.scope, key=key, at=now) for limit, key in keys)


def forget_old(now=None) -> int:
    """Delete hits older than the window; returns how many."""
    now = now or timezone.now()
    deleted, _ = RateHit.objects.filter(at__lte=now - WINDOW).delete()
    return deleted
