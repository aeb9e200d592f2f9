"""The demo's pre-sales quarter: an opportunity on each of the larger accounts that have an
AE, over the last 13 weeks, written through presales.services as the people would have:
the AE confirms the checklist and asks for an SE, the lead (Marta) assigns Andrés or Tomás,
the SE runs demos and proofs of concept, and the AE records the outcome. Some are won (their
SE credited), some lost, some in a proof of concept now, some still being qualified.

Deterministic and created once, like the rest of the demo.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from sunrelay.accounts.models import Account
from sunrelay.demo.plan import DemoPlan
from sunrelay.presales import checklist, engagements, services
from sunrelay.presales.models import Opportunity, Stage

QUARTER = timedelta(weeks=13)
OPPORTUNITIES = 12
# What becomes of each opportunity, in turn: the quarter's mix.
FATES = ["won", "lost", "poc", "won", "qualifying", "poc", "won", "lost", "requested", "won",
         "poc", "qualifying"]  # fmt: skip
WON_WHY = ["The proof of concept met every criterion.", "Routing beat the incumbent on cost."]
LOST_WHY = ["Chose an in-house build.", "Budget moved to next year."]
PRODUCTS = ["Fleet routing", "Tile hosting", "Geocoding at scale", "Imagery pipeline"]


def load_presales(plan: DemoPlan, created: Counter) -> None:
    if Opportunity.objects.exists():
        return
    checklist.ensure_defaults()
    rng = random.Random(f"{plan.seed}-presales")  # noqa: S311 - demo data
    users = get_user_model().objects
    lead, ses = users.get(username="marta"), [users.get(username=u) for u in ("andres", "tomas")]
    accounts = list(
        Account.objects.filter(ae__isnull=False, tier__in=["enterprise", "partner", "pro"])
        .select_related("ae")
        .order_by("-mrr", "name")[:OPPORTUNITIES]
    )
    start = plan.anchor - QUARTER
    with transaction.atomic():
        for i, (account, fate) in enumerate(zip(accounts, FATES, strict=False)):
            opened = start + timedelta(days=7 * i, hours=rng.randint(8, 16))
            _one(account, fate, opened, lead, ses[i % 2], rng, created, plan)


def _one(account, fate, opened, lead, se, rng, created, plan) -> None:
    ae = account.ae
    opportunity = services.create_opportunity(
        ae,
        account=account,
        name=f"{account.name}: {rng.choice(PRODUCTS)}",
        stage=Stage.EVALUATION if fate != "qualifying" else Stage.DISCOVERY,
        amount=Decimal(rng.randrange(12, 180) * 1000),
        currency="EUR" if rng.random() < 0.4 else "USD",
        close_date=(opened + timedelta(weeks=rng.randint(6, 14))).date(),
        crm_id=f"OPP-{2400 + account.pk}",
    )
    created["opportunities"] += 1
    items = (
        ["budget", "need"] if fate == "qualifying" else ["budget", "authority", "need", "timeline"]
    )
    for n, key in enumerate(items):
        services.confirm(ae, opportunity, key, at=opened + timedelta(days=n))
    if fate == "qualifying":
        return
    asked = opened + timedelta(days=4)
    services.request_se(
        ae,
        opportunity,
        context=f"{account.name} wants {opportunity.name.split(': ')[1].lower()} in production.",
        reasons=["revenue", "important_customer"] if account.strategic else ["revenue"],
        key_people="Their CTO and the head of data",
        expectations="A demo on their own data, then a two-week proof of concept",
        due_on=(asked + timedelta(days=10)).date(),
        at=asked,
    )
    if fate == "requested":
        return
    assigned = asked + timedelta(days=1, hours=3)
    services.assign(lead, opportunity, se, at=assigned)
    demo_day = (assigned + timedelta(days=5)).date()
    meeting = engagements.log_engagement(
        se, opportunity, kind="demo", title="Demo on their data", starts_on=demo_day,
        outcome="They want to try it on a month of traffic.", at=assigned,
    )  # fmt: skip
    engagements.give_feedback(ae, meeting, worked="The live map sold it.", change="Less setup.")
    engagements.give_feedback(se, meeting, worked="Clear on the budget.", at=assigned)
    poc_start = demo_day + timedelta(days=7)
    if fate == "poc":
        poc_start = plan.anchor.date() - timedelta(days=rng.randint(1, 6))
    engagements.log_engagement(
        se, opportunity, kind="poc", title="Proof of concept", starts_on=poc_start,
        ends_on=poc_start + timedelta(days=14),
        success_criteria="Routes for 500 vehicles in under a minute; tiles within 200 ms.",
        at=assigned,
    )  # fmt: skip
    if fate == "poc":
        return
    decided = assigned + timedelta(days=30)
    won = fate == "won"
    result, why = ("win", rng.choice(WON_WHY)) if won else ("loss", rng.choice(LOST_WHY))
    services.record_technical_result(se, opportunity, result, why, at=decided)
    services.close(ae, opportunity, Stage.WON if won else Stage.LOST, why, at=decided)
