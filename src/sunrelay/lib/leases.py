"""Leased claims on queued rows, so several workers can share a queue.

A worker takes a row with a conditional UPDATE that only succeeds while the row is still due
(`due` includes "claimed, but the claim's lease has expired"), and marks it with a fresh
token; whoever loses the race tries the next candidate. A worker killed holding a claim
leaves it to expire, and the row is taken again.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db.models import Q

CANDIDATES = 5


def claim_one(model, due: Q, order_by: tuple[str, ...], *, related=(), **changes):
    """(row, token) for one due row of `model`, updated with `changes`; None when none is due."""
    candidates = list(
        model.objects.filter(due).order_by(*order_by).values_list("pk", flat=True)[:CANDIDATES]
    )
    token = secrets.token_hex(16)
    for pk in candidates:
        if model.objects.filter(due, pk=pk).update(claim_token=token, **changes):
            return model.objects.select_related(*related).get(pk=pk), token
    return None


def backoff(attempts: int, first: timedelta, most: timedelta) -> timedelta:
    """The wait before the next attempt: doubling from `first`, never above `most`."""
    return min(first * 2 ** max(0, attempts - 1), most)
