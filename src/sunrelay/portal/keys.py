"""Secrets handed out by the portal (sign-in and confirmation links, API tokens): drawn at
random, shown once, stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import secrets


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_secret(prefix: str = "") -> tuple[str, str]:
    """(the secret to hand out, its digest to store)."""
    raw = prefix + secrets.token_urlsafe(32)
    return raw, digest(raw)
