"""Trends in tickets for the lead: tags whose volume grows week over week.

A tag grew when more tickets carrying it were opened in the last 7 days than in the 7 days
before (the reference, shown beside it). Read through the viewer's ticket visibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q

from sunrelay.desk.models import Tag, Ticket
from sunrelay.desk.permissions import visible_tickets

WEEK = timedelta(days=7)
SHOWN = 20


@dataclass(frozen=True)
class TagTrend:
    name: str
    this_week: int
    week_before: int

    @property
    def growth(self) -> int:
        return self.this_week - self.week_before


def growing_tags(user, now: datetime) -> list[TagTrend]:
    tickets = visible_tickets(user, Ticket.objects.all())
    recent = Q(tickets__in=tickets.filter(created_at__gte=now - WEEK, created_at__lt=now))
    before = Q(
        tickets__in=tickets.filter(created_at__gte=now - 2 * WEEK, created_at__lt=now - WEEK)
    )
    rows = (
        Tag.objects.annotate(this_week=Count("tickets", filter=recent, distinct=True))
        .annotate(week_before=Count("tickets", filter=before, distinct=True))
        .filter(this_week__gt=0)
        .values_list("name", "this_week", "week_before")
    )
    found = [TagTrend(*row) for row in rows if row[1] > row[2]]
    return sorted(found, key=lambda t: (-t.growth, -t.this_week, t.name))[:SHOWN]
