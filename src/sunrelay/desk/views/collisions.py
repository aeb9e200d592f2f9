"""The ticket page's side of collisions: the version a form was drawn at, what changed since,
and who else has the ticket open (the rules are desk.versions' and desk.presence's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sunrelay.desk import presence as presence_rules
from sunrelay.desk import versions
from sunrelay.desk.models import Ticket, TicketEvent
from sunrelay.desk.permissions import visible_tickets
from sunrelay.desk.views.history import history
from sunrelay.lib.bounds import MAX_ID
from sunrelay.lib.formatting import short_subject
from sunrelay.notify import inbox
from sunrelay.web.access import desk_view

EXCERPT = 240
BAD_VERSION = "This form's version of the ticket is not a number: reload the ticket and try again."


@dataclass(frozen=True)
class ChangeLine:
    at: datetime
    actor: str
    kind: str
    text: str
    excerpt: str  # the start of a message written since


def describe(events: list[TicketEvent]) -> list[ChangeLine]:
    """Changes in words: who, what, when, and the start of any message."""
    return [
        ChangeLine(
            line.at,
            line.actor,
            line.kind,
            line.text,
            short_subject(e.message.body_text.strip(), EXCERPT) if e.message else "",
        )
        for e, line in zip(events, history(events), strict=True)
    ]


def posted_version(request: HttpRequest) -> int | None:
    """The version a form was drawn at; None when it sent none. ValueError for anything
    that is not one."""
    raw = request.POST.get("version", "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_ID:
        raise ValueError(BAD_VERSION)
    return int(raw)


@dataclass(frozen=True)
class Held:
    """A write held because the ticket changed: the form it was, the changes, the version
    that sending again will carry."""

    form: str
    version: int
    changes: list[ChangeLine]


def held(form_name: str, exc: versions.StaleVersion) -> Held:
    return Held(form_name, exc.version, describe(exc.events))


@desk_view
@require_POST
def presence(request: HttpRequest, pk: int) -> HttpResponse:
    """The ticket page, every few seconds: "still here, typing a reply/note or not". Answers
    who else is here, and what changed since the page's version. `opened` on the page's
    first call marks the person's notifications of this ticket read."""
    ticket = get_object_or_404(visible_tickets(request.user, Ticket.objects.all()), pk=pk)
    if request.POST.get("leave"):
        presence_rules.leave(ticket, request.user)
        return HttpResponse(status=204)
    now = timezone.now()
    presence_rules.beat(ticket, request.user, now, request.POST.get("typing", ""))
    read = inbox.mark_read(request.user, ticket=ticket) if request.POST.get("opened") else 0
    try:
        version = posted_version(request)
    except ValueError:
        version = None
    changes = versions.changes_since(ticket, version) if version is not None else []
    response = render(
        request,
        "desk/_presence.html",
        {
            "viewers": presence_rules.others(ticket, request.user, now),
            "changes": describe(changes),
            "ticket": ticket,
        },
    )
    if read:
        response["X-Notifications-Read"] = str(read)
    return response
