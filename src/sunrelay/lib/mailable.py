"""Addresses that must never be mailed.

Contacts from channels without e-mail (a Q&A site's users) get a synthetic address on the
reserved top-level domain `.invalid` (RFC 2606, RFC 6761: guaranteed never to resolve), so
every contact still has a unique address. The outbox leaves such addresses out of every
e-mail it queues: nothing is ever sent to one, not even an attempt that would bounce.
"""

from __future__ import annotations

RESERVED_DOMAIN = "invalid"


def is_mailable(address: str) -> bool:
    """False for an address on the reserved `.invalid` domain (and for no address at all)."""
    domain = address.rpartition("@")[2].strip().rstrip(".").lower()
    return bool(domain) and domain.rpartition(".")[2] != RESERVED_DOMAIN
