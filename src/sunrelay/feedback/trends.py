"""Trends in tickets for the lead: tags, and words of subjects, whose volume grows week over
week.

A tag or a word grew when more tickets carrying it were opened in the last 7 days than in the
7 days before (the reference, shown beside it). A word counts once per ticket; English stop
words (scikit-learn's list, the clustering's own), numbers and words under three letters are
left out, and a word needs MIN_WORD_TICKETS tickets in the last 7 days: one ticket is not a
trend. Read through the viewer's ticket visibility."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from sunrelay.desk.models import Tag, Ticket
from sunrelay.desk.permissions import visible_tickets

WEEK = timedelta(days=7)
SHOWN = 20
MIN_WORD_TICKETS = 2
# The newest tickets of the two weeks read for words: a bound on one query's rows.
WORD_WINDOW = 20_000
WORD = re.compile(r"[^\W\d_]+")  # letters only: "can't" is "can" and "t", "zoom-14" is "zoom"


@dataclass(frozen=True)
class Trend:
    name: str
    this_week: int
    week_before: int

    @property
    def growth(self) -> int:
        return self.this_week - self.week_before


def growing_tags(user, now: datetime) -> list[Trend]:
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
    found = [Trend(*row) for row in rows if row[1] > row[2]]
    return _top(found)


def _top(found: list[Trend]) -> list[Trend]:
    return sorted(found, key=lambda t: (-t.growth, -t.this_week, t.name))[:SHOWN]


def subject_words(subject: str) -> set[str]:
    """The words of a subject that may make a trend, lower-cased, each once."""
    words = {w.lower() for w in WORD.findall(subject or "")}
    return {w for w in words if len(w) >= 3 and w not in ENGLISH_STOP_WORDS}


def growing_words(user, now: datetime) -> list[Trend]:
    """Words of ticket subjects on more new tickets in the last 7 days than the 7 before.
    One query for the subjects (and the viewer's roles)."""
    rows = (
        visible_tickets(user, Ticket.objects.all())
        .filter(created_at__gte=now - 2 * WEEK, created_at__lt=now)
        .order_by("-created_at")
        .values_list("subject", "created_at")[:WORD_WINDOW]
    )
    this_week, week_before = Counter(), Counter()
    for subject, created in rows:
        (this_week if created >= now - WEEK else week_before).update(subject_words(subject))
    found = [
        Trend(word, n, week_before[word])
        for word, n in this_week.items()
        if n >= MIN_WORD_TICKETS and n > week_before[word]
    ]
    return _top(found)
