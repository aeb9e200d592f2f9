"""A customer engineer's context note captured as product feedback, in its own words
(feedback.services.capture with the note's account and ticket)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from sunrelay.feedback import services as feedback
from sunrelay.feedback.models import Source
from sunrelay.success import access
from sunrelay.web.access import desk_view


@desk_view
@require_POST
def capture_note(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(
        access.visible_notes(request.user).select_related("ticket", "account"), pk=pk
    )
    try:
        feedback.capture(
            request.user,
            quote=note.background.strip()[: feedback.MAX_QUOTE],
            account=note.account,
            ticket=note.ticket,
            source=Source.CE_NOTE,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The note is captured as product feedback.")
    if note.ticket_id:
        return redirect("desk:ticket", pk=note.ticket_id)
    return redirect("success:account", pk=note.account_id)
