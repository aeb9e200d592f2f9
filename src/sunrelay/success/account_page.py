"""What the customer engineer's account page shows: the team and its history, support
signals (open tickets with their SLA state, breaches), the last contact, the contact cadence,
the context notes and support requests, its health with the open tasks its alerts raised
(docs/health.md), and its product feedback items and projects (docs/success.md)."""

from __future__ import annotations

from django.db.models import Max

from sunrelay.desk.models import UNSOLVED_STATUSES, Message, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.feedback import access as feedback_access
from sunrelay.health import summary as health_summary
from sunrelay.projects import access as projects_access
from sunrelay.sla.queues import sla_rows
from sunrelay.success import access, cadence, strategic, teams


def sla_state(rows) -> str:
    """One word for a ticket's SLA targets, the worst first: breached, warning, ok, paused,
    met, or none (no targets)."""
    states = {row.state for row in rows}
    for word in ("breached", "warning", "ok", "paused", "met"):
        if word in states:
            return word
    return "none"


def build(user, account, today) -> dict:
    """The page's context; `today` in the viewer's time zone (for overdue touches)."""
    tickets = list(
        visible_tickets(user, Ticket.objects.filter(account=account, status__in=UNSOLVED_STATUSES))
        .select_related("assignee")
        .order_by("-updated_at")[:50]
    )
    slas = sla_rows(t.pk for t in tickets)
    for ticket in tickets:
        ticket.sla_word = sla_state(slas.get(ticket.pk, []))
    last_contact = Message.objects.filter(ticket__account=account).aggregate(at=Max("created_at"))
    reasons = ["flagged strategic"] if account.strategic else []
    reasons += strategic.extra_reasons_of(account)
    return {
        "account": account,
        # The MRR share rule needs every account: the teams page shows it.
        "strategic_why": "Strategic: " + ", ".join(reasons) if reasons else "",
        "health": health_summary.of_account(user, account),
        "history": list(teams.history(account)[:20]),
        "tickets": tickets,
        "breached": sum(t.sla_word == "breached" for t in tickets),
        "last_contact": last_contact["at"],
        "cadence": cadence.plan_for(account, today),
        "touches": list(cadence.recent_touches(account)),
        "notes": list(
            access.visible_notes(user)
            .filter(account=account)
            .select_related("author", "ticket")[:20]
        ),
        "requests": list(
            access.visible_requests(user).filter(account=account).select_related("requester")[:20]
        ),
        "feedback": list(
            feedback_access.visible_items(user)
            .filter(account=account)
            .select_related("theme", "contact")[:20]
        ),
        "projects": list(
            projects_access.visible_projects(user).filter(accounts=account).select_related("owner")
        ),
    }
