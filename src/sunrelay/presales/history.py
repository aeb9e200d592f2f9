"""The support history an SE request carries: computed from the desk each time it is shown,
never copied, so it is never stale and never edited.

Open tickets and those updated in the last RECENT_DAYS, each with its SLA state (the worst of
its clocks); the skill levels of the account's contacts; the account's earlier SE requests and
how their opportunities ended.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sunrelay.accounts.models import Account
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.presales.models import SeRequest
from sunrelay.sla.models import TicketSla

RECENT_DAYS = 90
TICKETS_SHOWN = 20
# The SLA state a ticket shows: the worst of its clocks.
SLA_ORDER = ["breached", "warning", "ok", "paused", "met"]


@dataclass
class TicketLine:
    ticket: Ticket
    is_open: bool
    sla_state: str  # "" when no clock runs on it


@dataclass
class SupportHistory:
    tickets: list[TicketLine]
    skills: list[tuple[str, int]]  # (skill level label, contacts), most first
    past_requests: list[SeRequest]


def support_history(account: Account, now: datetime, *, before: SeRequest | None = None):
    since = now - timedelta(days=RECENT_DAYS)
    tickets = list(
        Ticket.objects.filter(account=account)
        .filter(status__in=UNSOLVED_STATUSES)
        .order_by("-updated_at")[:TICKETS_SHOWN]
    )
    tickets += list(
        Ticket.objects.filter(account=account, updated_at__gte=since)
        .exclude(status__in=UNSOLVED_STATUSES)
        .order_by("-updated_at")[: TICKETS_SHOWN - len(tickets)]
    )
    states: dict[int, str] = {}
    for ticket_id, state in TicketSla.objects.filter(ticket__in=tickets).values_list(
        "ticket", "state"
    ):
        states[ticket_id] = min(
            [states.get(ticket_id, state), state], key=lambda s: SLA_ORDER.index(s)
        )
    lines = [TicketLine(t, t.status in UNSOLVED_STATUSES, states.get(t.pk, "")) for t in tickets]
    labels = {}
    skills = Counter()
    for contact in account.contacts.all():
        skills[contact.skill] += 1
        labels[contact.skill] = contact.get_skill_display()
    past = SeRequest.objects.filter(opportunity__account=account).select_related(
        "opportunity", "opportunity__se"
    )
    if before is not None:
        past = past.exclude(pk=before.pk).filter(requested_at__lte=before.requested_at)
    return SupportHistory(
        lines, [(labels[k], n) for k, n in skills.most_common()], list(past[:TICKETS_SHOWN])
    )
