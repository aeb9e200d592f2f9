"""More like this: solved tickets and articles that answer the ticket at hand, ranked by the
search index (search.backends, any-word mode) from the ticket's own distinctive words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import F

from sunrelay.desk.models import Message, MessageKind, Status, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.kb import embeddings
from sunrelay.kb.articles import ARTICLE, text_for, visible_articles
from sunrelay.kb.models import Article, ArticleVersion
from sunrelay.search.backends import backend
from sunrelay.search.query import any_of
from sunrelay.search.service import highlight

WORDS = 16
# With the sentence model on: how many full-text candidates per suggestion it orders.
RERANKED = 4
# Words that say nothing about the problem: greetings, courtesy and glue.
_STOP_WORDS = """
a about after again all also am an and any are as at be because been but by can could
did do does doing for from had has have hello hi how i if in into is it its just me more
my no not now of on or our please regards so some still than thank thanks that the their
them then there these they this to too up us very was we were what when where which
while who why will with would you your team best kind since today yesterday morning
issue problem help
"""
STOP = frozenset(_STOP_WORDS.split())
_TOKEN = re.compile(r"[\w][\w.-]*[\w]|\w", re.UNICODE)


def key_words(ticket: Ticket, first_message: str = "") -> list[str]:
    """The ticket's most telling words: its subject's first, then the first message's most
    frequent, without stop words and numbers alone."""

    def tokens(text: str) -> list[str]:
        return [
            t
            for t in (w.lower() for w in _TOKEN.findall(text))
            if len(t) > 2 and t not in STOP and not t.isdigit()
        ]

    subject = tokens(ticket.subject)
    body = Counter(tokens(first_message)).most_common()
    ordered = list(dict.fromkeys([*subject, *(word for word, _ in body)]))
    return ordered[:WORDS]


def _opening_text(ticket: Ticket) -> str:
    first = (
        Message.objects.filter(ticket=ticket, kind=MessageKind.CUSTOMER)
        .order_by("created_at", "pk")
        .values_list("body_text", flat=True)
        .first()
    )
    return (first or "")[:5000]


@dataclass(frozen=True)
class Similar:
    ticket: Ticket
    snippet: str


@dataclass(frozen=True)
class Suggested:
    article: Article
    level: str  # the variant offered first: the requester's skill level when written
    text: str


def similar_tickets(ticket: Ticket, user, *, limit: int = 5, words=None) -> list[Similar]:
    """Solved or closed tickets like this one that `user` may see, closest first."""
    opening = _opening_text(ticket)
    words = words if words is not None else key_words(ticket, opening)
    if not words:
        return []
    candidates = visible_tickets(user).filter(status__in=[Status.SOLVED, Status.CLOSED])
    candidates = candidates.exclude(pk=ticket.pk)
    meaning = embeddings.available()
    hits = backend().tickets(
        any_of(words), candidates, internal=True, limit=limit * RERANKED if meaning else limit
    )
    rows = Ticket.objects.in_bulk([h.id for h in hits])
    snippets = {h.id: highlight(h.snippet) for h in hits if h.id in rows}
    order = list(snippets)
    if meaning:
        texts = {pk: f"{rows[pk].subject}\n{_opening_text(rows[pk])}" for pk in order}
        order = embeddings.rank(f"{ticket.subject}\n{opening}", texts)
    return [Similar(rows[pk], snippets[pk]) for pk in order[:limit]]


def suggested_articles(ticket: Ticket, user, *, limit: int = 3, words=None) -> list[Suggested]:
    """Articles answering this ticket, the variant for the requester's skill level first."""
    words = words if words is not None else key_words(ticket, _opening_text(ticket))
    if not words:
        return []
    hits = backend().documents(any_of(words), ARTICLE, visible_articles(user), limit=limit)
    articles = Article.objects.in_bulk([h.id for h in hits])
    versions = {
        v.article_id: v
        for v in ArticleVersion.objects.filter(
            article_id__in=articles, number=F("article__version")
        )
    }
    level = ticket.requester.skill
    found = [h.id for h in hits if h.id in articles and h.id in versions]
    return [
        Suggested(
            articles[pk],
            level if getattr(versions[pk], level, "") else "",
            text_for(versions[pk], level),
        )
        for pk in found
    ]
