"""How good are "similar tickets"? precision@3 on demo tickets, each labelled with the topic
it was written from (demo.eventlog.TicketLog.topic): of the three solved tickets suggested
for a ticket (a random sample of all, the ticket itself never suggested), the share about the
same problem.

    python -m bench --only kb        (a 2,000-ticket demo in a temporary database)
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sunrelay.demo.plan import DemoPlan
from sunrelay.desk.models import Ticket
from sunrelay.kb.suggest import similar_tickets


@dataclass(frozen=True)
class Quality:
    precision_at_3: float
    tickets: int  # tickets measured
    suggestions: int  # suggestions judged (up to 3 each)


def topics_by_ref(plan: DemoPlan) -> dict[str, str]:
    return {log.ref: log.topic for log in plan.tickets()}


def precision_at_3(plan: DemoPlan, user, *, sample: int = 200, seed: int = 7) -> Quality:
    topic_of = topics_by_ref(plan)
    refs = dict(Ticket.objects.values_list("pk", "external_ref"))
    ids = sorted(refs)
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
    right = judged = 0
    for ticket in Ticket.objects.filter(pk__in=chosen).select_related("requester"):
        for similar in similar_tickets(ticket, user, limit=3):
            judged += 1
            right += topic_of[refs[similar.ticket.pk]] == topic_of[refs[ticket.pk]]
    return Quality(right / judged if judged else 0.0, len(chosen), judged)
