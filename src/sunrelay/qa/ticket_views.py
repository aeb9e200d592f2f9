"""The Q&A panel of the ticket page: the question on its site, and its answers and comments
with their links (empty for tickets of the other channels)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sunrelay.desk.models import Channel, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.qa.models import PostKind, SitePost
from sunrelay.web.access import desk_view


@desk_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = get_object_or_404(visible_tickets(request.user), pk=pk)
    if ticket.channel != Channel.QA_SITE:
        return HttpResponse("")  # the slot goes away
    posts = list(
        SitePost.objects.filter(ticket__in=_family(ticket))
        .select_related("author", "author__staff")
        .order_by("message__created_at", "id")
    )
    question = next((p for p in posts if p.kind == PostKind.QUESTION), None)
    return render(
        request,
        "qa/_ticket_panel.html",
        {"ticket": ticket, "question": question, "posts": [p for p in posts if p != question]},
    )


def _family(ticket: Ticket) -> list[int]:
    """The ticket and the one it follows up: a follow-up's question row is its own."""
    ids = [ticket.pk]
    if ticket.follow_up_of_id is not None:
        ids.append(ticket.follow_up_of_id)
    return ids
