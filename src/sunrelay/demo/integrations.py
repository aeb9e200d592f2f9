"""The demo's linked bugs: the tickets the story reported as product bugs carry links to GitHub
issues of the product's repository (demo/texts.py); the bulk loader sends no desk signals, so
they are linked here, each once (integrations.bugs.follow_link writes no ticket event: the
histories stay as the story wrote them). Nothing is fixed: a fix writes a note on every linked
ticket. Created once (skipped when a bug exists)."""

from __future__ import annotations

from collections import Counter

from sunrelay.desk.models import Ticket
from sunrelay.integrations import bugs
from sunrelay.integrations.models import Bug


def load_integrations(created: Counter) -> None:
    if Bug.objects.exists():
        return
    for ticket in Ticket.objects.exclude(bug_url="").order_by("id").iterator():
        bugs.follow_link(ticket, at=ticket.updated_at)
    created["linked bugs"] += Bug.objects.count()
