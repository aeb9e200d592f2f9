"""Deflection: public articles suggested while someone types a web-form request, and how
often the person then left without sending one.

A form visit (FormVisit) starts when its subject is first looked up, or when it is sent. It
counts how many times articles were shown, how many suggested articles were opened, and
whether a request was sent and a ticket opened. The figure (deflected): of the visits that
were shown at least one article and are over (begun more than an hour ago), those that sent
no request; of those, how many opened a suggested article before leaving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.kb.articles import ARTICLE
from sunrelay.kb.models import Article, Visibility
from sunrelay.kb.suggest import key_words
from sunrelay.portal import limits
from sunrelay.portal.formtoken import FormToken
from sunrelay.portal.models import FormVisit
from sunrelay.search.backends import backend
from sunrelay.search.query import Query, Term

SUGGESTED = 5
# A visit younger than this may still be typing: the figure leaves it out.
VISIT_LENGTH = timedelta(hours=1)
# Visits recorded per network and hour; past it suggestions still show, uncounted.
VISITS_PER_IP = 60
DAYS = 30


def suggestions(subject: str, description: str = "") -> list[Article]:
    """Public articles answering what is typed, best first. The last word of the subject
    counts as a prefix while it is still being typed (no space after it yet)."""
    words = key_words(Ticket(subject=subject[:500]), description[:5000])
    if not words:
        return []
    terms = [Term(w) for w in words]
    typing = subject.rstrip() == subject and subject.split()[-1:]
    if typing and typing[0].lower() in words and len(typing[0]) >= 3:
        terms = [Term(w, prefix=w == typing[0].lower()) for w in words]
    public = Article.objects.filter(visibility=Visibility.PUBLIC)
    hits = backend().documents(Query(terms=terms, any_word=True), ARTICLE, public, limit=SUGGESTED)
    found = public.in_bulk([h.id for h in hits])
    return [found[h.id] for h in hits if h.id in found]


def _visit(token: FormToken) -> FormVisit:
    visit, _ = FormVisit.objects.get_or_create(
        key=token.visit_key, defaults={"started_at": token.issued_at}
    )
    return visit


def record_shown(token: FormToken, shown: int, ip: str) -> None:
    """The visit looked its subject up and was shown `shown` articles."""
    if not FormVisit.objects.filter(key=token.visit_key).exists():
        try:
            limits.hit(limits.Limit("form-visit", limits.network(ip), VISITS_PER_IP), message="")
        except limits.RateLimited:
            return
    visit = _visit(token)
    if shown:
        FormVisit.objects.filter(pk=visit.pk).update(suggestions_shown=F("suggestions_shown") + 1)


def record_opened(token: FormToken) -> None:
    """A suggested article was opened from the form."""
    FormVisit.objects.filter(key=token.visit_key).update(articles_opened=F("articles_opened") + 1)


def record_sent(token: FormToken, *, ticket: Ticket | None = None) -> FormVisit:
    """The visit sent its request (and it opened `ticket`, when it did at once)."""
    visit = _visit(token)
    FormVisit.objects.filter(pk=visit.pk).update(submitted_at=timezone.now(), ticket=ticket)
    return visit


def record_ticket(visit_id: int, ticket: Ticket) -> None:
    """The visit's request was confirmed and opened `ticket`."""
    FormVisit.objects.filter(pk=visit_id).update(ticket=ticket)


@dataclass(frozen=True)
class Deflection:
    """Form visits of the `days` before `until`: those shown articles, of them those that sent
    no request (`deflected`), and of those the ones that opened a suggested article."""

    days: int
    until: datetime
    visits: int  # every visit over in the period
    shown: int  # of which were shown at least one article
    deflected: int  # of which sent no request
    opened: int  # of which opened a suggested article
    tickets: int  # visits (shown or not) whose request opened a ticket

    @property
    def rate(self) -> float | None:
        return self.deflected / self.shown if self.shown else None


def figure(days: int = DAYS, now: datetime | None = None) -> Deflection:
    now = now or timezone.now()
    until = now - VISIT_LENGTH
    visits = FormVisit.objects.filter(
        started_at__gt=until - timedelta(days=days), started_at__lte=until
    )
    shown = Q(suggestions_shown__gt=0)
    counts = visits.aggregate(
        visits=Count("pk"),
        shown=Count("pk", filter=shown),
        deflected=Count("pk", filter=shown & Q(submitted_at__isnull=True)),
        opened=Count("pk", filter=shown & Q(submitted_at__isnull=True, articles_opened__gt=0)),
        tickets=Count("pk", filter=Q(ticket__isnull=False)),
    )
    return Deflection(days=days, until=until, **counts)
