"""The demo's customer satisfaction: a survey for every solve of the last CSAT_WEEKS weeks,
opened by csat.services as a live solve would be (asked by e-mail at the solve; no mail goes
out now), and about half of them rated, with a spread a lead would recognise: Enterprise
and Partner customers a little happier than Free ones, L2 and engineering tickets a little
less, one agent still learning, and a few comments.

Deterministic and created once, like the rest of the demo.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.db.models import F

from sunrelay.csat import services
from sunrelay.csat.models import Survey
from sunrelay.demo.plan import DemoPlan
from sunrelay.desk.models import EventKind, Status, TicketEvent

CSAT_WEEKS = 12
RESPONSE = 0.45
GOOD_BY_TIER = {"partner": 0.93, "enterprise": 0.9, "pro": 0.86, "basic": 0.8, "free": 0.72}
LEVEL_PENALTY = {"l1": 0.0, "l2": 0.05, "engineering": 0.1}
GOOD_WORDS = [
    "Quick and clear, thank you.",
    "Exactly what I needed.",
    "Thanks for explaining it at my level.",
    "The example made it click.",
]
BAD_WORDS = [
    "It took three days to get a real answer.",
    "I had to explain the problem twice.",
    "The workaround is not a fix.",
    "Too technical for me.",
]


def load_csat(plan: DemoPlan, created: Counter) -> None:
    if Survey.objects.exists():
        return
    rng = random.Random(f"{plan.seed}-csat")  # noqa: S311 - demo data
    since = plan.anchor - timedelta(weeks=CSAT_WEEKS)
    solves = (
        TicketEvent.objects.filter(kind=EventKind.STATUS, new=Status.SOLVED, at__gte=since)
        .select_related("ticket__requester", "ticket__account")
        .order_by("at", "id")
    )
    # Each agent's own tendency, fixed by the seed: one of them is still learning.
    tendency: dict[int | None, float] = {}
    with transaction.atomic():
        for solve in solves:
            survey = services.open_survey(solve.ticket, solve, send=False)
            if survey is None:
                continue
            created["csat surveys"] += 1
            if rng.random() >= RESPONSE:
                continue
            if survey.agent_id not in tendency:
                tendency[survey.agent_id] = (
                    -0.15 if len(tendency) == 2 else rng.uniform(-0.04, 0.04)
                )
            chance = GOOD_BY_TIER.get(survey.tier, 0.8) - LEVEL_PENALTY.get(survey.level, 0)
            good = rng.random() < chance + tendency[survey.agent_id]
            words = GOOD_WORDS if good else BAD_WORDS
            comment = rng.choice(words) if rng.random() < (0.2 if good else 0.6) else ""
            at = survey.solved_at + timedelta(minutes=rng.randint(20, 3 * 24 * 60))
            services.record_past_rating(survey, "good" if good else "bad", comment, at)
            created["csat ratings"] += 1
        # History: each was asked by e-mail when the ticket was solved.
        Survey.objects.filter(sent_at__isnull=True).update(sent_at=F("solved_at"))
