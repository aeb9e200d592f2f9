"""Leased claims on queued rows, so several workers can share a queue.

Every queue the worker drains (the mail outbox, paging runs, webhook deliveries, stored raw
mail) keeps `claimed_at` and `claim_token` on its rows, and they all follow these rules:

- Held or free: a row is held while its `claimed_at` is no older than its queue's lease. It is
  free when `claimed_at` is empty (never claimed, or released) or older than the lease: the
  worker that held it died or hung. `free()` states this rule; nothing else does.
- Claiming: `claim_one()` takes a row that is due and free with a conditional UPDATE that
  stamps `claimed_at` and a fresh token; a worker that loses the race tries the next candidate.
- Owning: a claim stays its worker's while the row carries its token, expired or not; every
  write that finishes the work filters on the token (`release()`), so a worker whose claim was
  taken over writes nothing. The lease only says when another worker may take the row.
- Retrying: `backoff()` is the wait before the next attempt of a job that failed.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet

CANDIDATES = 5


def new_token() -> str:
    """A fresh claim token (32 characters: the width of every `claim_token` column)."""
    return secrets.token_hex(16)


def free(now: datetime, lease: timedelta) -> Q:
    """Rows nobody holds at `now`: never claimed, released, or claimed more than `lease` ago."""
    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease)


def claim_one(
    model,
    due: Q,
    order_by: tuple[str, ...],
    *,
    now: datetime,
    lease: timedelta,
    related: tuple[str, ...] = (),
    **changes,
):
    """(row, token) for the first row of `model` that is `due` and free, claimed at `now` and
    updated with `changes`; None when there is none, or other workers took every candidate.

    `due` says when a row has work waiting (its state, its time); whether somebody already
    holds it is `free()`'s business, added here.
    """
    claimable = due & free(now, lease)
    candidates = list(
        model.objects.filter(claimable)
        .order_by(*order_by)
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    token = new_token()
    for pk in candidates:
        # Claimed and read together, or not at all: a read that fails (a busy database) must
        # not leave the row held, unworked, for a whole lease.
        with transaction.atomic():
            if model.objects.filter(claimable, pk=pk).update(
                claimed_at=now, claim_token=token, **changes
            ):
                return model.objects.select_related(*related).get(pk=pk), token
    return None


def release(rows: QuerySet, token: str, **changes) -> int:
    """Write `changes` to those of `rows` still claimed with `token` and clear their claim.

    Returns how many rows were written: 0 means the claim was taken over (it had expired) or
    the row left the state `rows` asks for, and this worker must leave it alone.
    """
    return rows.filter(claim_token=token).update(claimed_at=None, claim_token="", **changes)


def backoff(attempts: int, first: timedelta, most: timedelta) -> timedelta:
    """The wait after failed attempt number `attempts` (1 for the first): `first`, doubling
    with each attempt, never more than `most`. Attempts below 1 count as the first."""
    if first <= timedelta(0) or most < first:
        raise ValueError(f"Back-off needs 0 < first <= most, not first={first}, most={most}")
    wait = first
    # Doubling stops at the cap: 2 ** attempts itself would overflow a timedelta.
    for _ in range(attempts - 1):
        if wait >= most:
            break
        wait *= 2
    return min(wait, most)
