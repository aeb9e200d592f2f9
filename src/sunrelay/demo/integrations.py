"""The demo's linked bugs: up to a dozen open tickets get a bug link to one of four GitHub
issues of the product's repository (through the desk's services, so the integrations app links
them as it would any edit), and the first issue is fixed by a release, so its tickets carry
drafted notices to review on the bug's page. Created once (skipped when a bug exists)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.contrib.auth.models import User

from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.desk.services import update_ticket
from sunrelay.integrations import bugs
from sunrelay.integrations.models import Bug
from sunrelay.integrations.trackers import parse

LEAD = "marta"
REPOSITORY = "https://github.com/sunrelay-demo/maps/issues/"
ISSUES = (1287, 1301, 1312, 1330)
LINKED = 12


def load_integrations(anchor: datetime, created: Counter) -> None:
    lead = User.objects.filter(username=LEAD).first()
    if lead is None or Bug.objects.exists():
        return
    tickets = list(
        Ticket.objects.filter(status__in=UNSOLVED_STATUSES, account__isnull=False).order_by("id")[
            :LINKED
        ]
    )
    for i, ticket in enumerate(tickets):
        update_ticket(ticket, lead, at=anchor, bug_url=f"{REPOSITORY}{ISSUES[i % len(ISSUES)]}")
    if tickets:
        bugs.fixed(parse(f"{REPOSITORY}{ISSUES[0]}"), "released in v4.2.0", at=anchor)
    created["linked bugs"] += Bug.objects.count()
