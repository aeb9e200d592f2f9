"""The demo's customer portal: the largest Enterprise account shares its tickets with its
contacts, three contacts to sign in as (printed by `sunrelay demo`, listed in
docs/demo.md), and a month of web-form visits behind the deflection figure: one for each web
ticket of the last 30 days (it opened that ticket), and visits that read a suggested article
and left.

Deterministic and created once, like the rest of the demo: visits by their key, and the
account's sharing only when the visits are first created (a later change stays).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from sunrelay.accounts.models import Account, Tier
from sunrelay.demo.plan import DemoPlan
from sunrelay.desk.models import Channel, Ticket
from sunrelay.portal.deflection import DAYS
from sunrelay.portal.models import FormVisit

KEY = "demo-{:05d}"


@dataclass(frozen=True)
class PortalContact:
    email: str
    name: str
    account: str
    sees: str  # what they see in the portal


def _largest(plan: DemoPlan, tier: str):
    candidates = [a for a in plan.accounts if a.tier == tier]
    return max(candidates, key=lambda a: (a.mrr, a.name)) if candidates else None


def sharing_account(plan: DemoPlan):
    return _largest(plan, Tier.ENTERPRISE)


def portal_contacts(plan: DemoPlan) -> list[PortalContact]:
    """The first contact of the largest Enterprise, Pro and Basic accounts."""
    shared = sharing_account(plan)
    found = []
    for tier in (Tier.ENTERPRISE, Tier.PRO, Tier.BASIC):
        account = _largest(plan, tier)
        contact = next((c for c in plan.contacts if account and c.account == account.name), None)
        if contact is None:
            continue
        sees = "every ticket of the account" if account is shared else "their own tickets"
        found.append(PortalContact(contact.email, contact.name, account.name, sees))
    return found


def load_portal(plan: DemoPlan, created: Counter) -> None:
    if FormVisit.objects.filter(key__startswith="demo-").exists():
        return
    shared = sharing_account(plan)
    if shared is not None:
        Account.objects.filter(name=shared.name).update(portal_shares_tickets=True)
    rng = random.Random(f"{plan.seed}-portal")  # noqa: S311 - demo data
    since = plan.anchor - timedelta(days=DAYS)
    web = list(
        Ticket.objects.filter(channel=Channel.WEB, created_at__gte=since)
        .order_by("created_at", "pk")
        .values_list("pk", "created_at")
    )
    visits = []
    for pk, created_at in web:
        shown = rng.random() < 0.55
        visits.append(
            FormVisit(
                started_at=created_at - timedelta(minutes=rng.randint(2, 15)),
                suggestions_shown=rng.randint(1, 3) if shown else 0,
                articles_opened=int(shown and rng.random() < 0.3),
                submitted_at=created_at,
                ticket_id=pk,
            )
        )
    span = (plan.anchor - since).total_seconds()
    for _ in range(len(web) // 2):
        visits.append(
            FormVisit(
                started_at=since + timedelta(seconds=rng.uniform(0, span)),
                suggestions_shown=rng.randint(1, 4),
                articles_opened=int(rng.random() < 0.6),
            )
        )
    visits.sort(key=lambda v: v.started_at)
    for n, visit in enumerate(visits, 1):
        visit.key = KEY.format(n)
    FormVisit.objects.bulk_create(visits)
    created["web-form visits"] += len(visits)
