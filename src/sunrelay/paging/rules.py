"""The rules that page without an agent: an enterprise or partner customer writing urgent
words, and an enterprise SLA breach. Each only records a pending run (paging.services.request);
the worker starts it. Nothing else pages.

Called by paging.listeners when the desk reports a customer's message and when the SLA
clocks log a breach, inside those transactions. Messages and breaches older than FRESH never page: imports, demo history and a
worker catching up after a long stop stay quiet.
"""

from __future__ import annotations

import contextlib
import re
from contextvars import ContextVar
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import UNSOLVED_STATUSES
from sunrelay.paging import services
from sunrelay.paging.models import Source

FRESH = timedelta(hours=1)

_quiet: ContextVar[bool] = ContextVar("sunrelay_paging_quiet", default=False)


@contextlib.contextmanager
def quiet():
    """No rule pages inside this block (loading demo data, replaying history)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    parts = [r"\s+".join(map(re.escape, w.split())) for w in words if w.strip()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def find_keyword(text: str, words=None) -> str | None:
    """The first urgent word or phrase in `text` (whole words, any case), or None."""
    pattern = _pattern(tuple(words if words is not None else settings.PAGING_URGENT_KEYWORDS))
    found = pattern.search(text or "") if pattern else None
    return " ".join(found.group(1).lower().split()) if found else None


def _tier(ticket) -> str:
    return ticket.account.tier if ticket.account_id else ""


def consider_message(ticket, message, now: datetime | None = None):
    """An enterprise or partner customer wrote: page when their words say it is urgent."""
    now = now or timezone.now()
    tier = _tier(ticket)
    if _quiet.get() or tier not in settings.PAGING_KEYWORD_TIERS:
        return None
    if message.created_at < now - FRESH:
        return None
    word = find_keyword(f"{ticket.subject}\n{message.body_text}")
    if word is None:
        return None
    reason = f"{Tier(tier).label} customer wrote “{word}”"
    return services.request(ticket, Source.KEYWORDS, reason, now)


def consider_breach(ticket, metric: str, breached_at: datetime, now: datetime):
    """An SLA target was breached: page for the tiers that say so."""
    tier = _tier(ticket)
    if _quiet.get() or tier not in settings.PAGING_BREACH_TIERS:
        return None
    if breached_at < now - FRESH or ticket.status not in UNSOLVED_STATUSES:
        return None
    reason = f"{Tier(tier).label} SLA breached: {metric.replace('_', ' ')}"
    return services.request(ticket, Source.SLA_BREACH, reason, now)
