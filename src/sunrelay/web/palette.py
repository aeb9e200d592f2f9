"""The command palette (Ctrl/Cmd+K): what a few typed words find across the workspace.

Tickets by number and subject (only those the person may see: sales their accounts'), queues,
saved views, the people who work tickets (each opens the tickets assigned to them) and the
pages one goes to (new ticket, reports, settings, …). At most three queries whatever the data:
saved views, tickets, people; roles are read once and cached on the user.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from sunrelay.desk.models import UNSOLVED_STATUSES
from sunrelay.desk.permissions import visible_tickets
from sunrelay.desk.queues import QUEUES
from sunrelay.desk.saved_views import visible_views
from sunrelay.lib import bounds
from sunrelay.lib.formatting import person, short_subject
from sunrelay.team.roles import ticket_workers, works_tickets

LIMIT = 6  # of each kind
NUMBER = re.compile(r"^#?(\d{1,18})$")


@dataclass(frozen=True)
class Item:
    kind: str  # "action", "queue", "view", "ticket", "person"
    label: str
    detail: str
    url: str

    def as_json(self) -> dict:
        return asdict(self)


def _actions(user) -> list[Item]:
    """The pages the person may go to, in the order they are wanted most."""
    items = []
    if works_tickets(user):
        items.append(
            Item("action", "New ticket", "open a ticket for a customer", reverse("desk:new_ticket"))
        )
        items.append(Item("action", "Weekly review", "reports", reverse("reports:weekly")))
    items += [
        Item("action", "Queues", "every queue and its count", reverse("desk:index")),
        Item("action", "Accounts", "customers, tiers, MRR", reverse("accounts:list")),
        Item("action", "Shifts", "on shift now, coverage, hand-offs", reverse("schedule:on_shift")),
        Item("action", "Time off", "days away and coverage plans", reverse("team:time_off")),
        Item("action", "On call", "rotations", reverse("rotations:list")),
        Item("action", "Knowledge", "articles and macros", reverse("kb:articles")),
        Item(
            "action", "Settings", "calendars, people, rotations, tokens", reverse("settings:home")
        ),
    ]
    if works_tickets(user):
        items.append(Item("action", "Quarantine", "mail held back", reverse("mail:quarantine")))
        items.append(Item("action", "Outbox", "replies on their way", reverse("mail:outbox")))
    return items


def _matches(words: list[str], *texts: str) -> bool:
    haystack = " ".join(texts).lower()
    return all(w in haystack for w in words)


def find(user, text: str) -> list[Item]:
    """What `text` finds for `user`, best kinds first; with no text, the pages and queues.

    Raises ValueError (in words) for a text longer than a search may be."""
    text = " ".join(text.split())
    if len(text) > bounds.MAX_SEARCH_LENGTH:
        raise ValueError(f"Type at most {bounds.MAX_SEARCH_LENGTH} characters.")
    words = text.lower().split()
    number = NUMBER.match(text)
    items: list[Item] = []
    if number and int(number.group(1)) <= bounds.MAX_ID:
        items += _tickets(user, Q(pk=int(number.group(1))))
    items += [a for a in _actions(user) if _matches(words, a.label, a.detail)]
    items += [
        Item("queue", q.title, f"queue · {q.group}", reverse("desk:queue", args=[q.slug]))
        for q in QUEUES.values()
        if _matches(words, q.title, q.group, "queue")
    ][:LIMIT]
    if not words:
        return items
    views = visible_views(user)
    for word in words:
        views = views.filter(name__icontains=word)
    items += [
        Item("view", v.name, "saved view", reverse("desk:view", args=[v.pk])) for v in views[:LIMIT]
    ]
    if not number:
        subject = Q()
        for word in words:
            subject &= Q(subject__icontains=word)
        items += _tickets(user, subject)
    items += _people(words)
    return items


def _tickets(user, condition: Q) -> list[Item]:
    found = visible_tickets(user).filter(condition).order_by("-updated_at")[:LIMIT]
    return [
        Item(
            "ticket",
            f"#{t.pk} {short_subject(t.subject)}",
            t.get_status_display() + ("" if t.status in UNSOLVED_STATUSES else " · done"),
            reverse("desk:ticket", args=[t.pk]),
        )
        for t in found.only("pk", "subject", "status", "updated_at")
    ]


def _people(words: list[str]) -> list[Item]:
    people = ticket_workers()
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    return [
        Item(
            "person",
            person(u),
            "their open tickets",
            reverse("desk:queue", args=["open"]) + "?" + urlencode({"assignee": u.pk}),
        )
        for u in people[:LIMIT]
    ]
