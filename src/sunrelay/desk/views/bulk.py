"""The queue's bulk bar: one change to every ticket ticked, through
desk.services.bulk_changes. htmx gets the queue's results again with the summary above them
(and the navigation's counts out of band); a browser without JavaScript is sent back to the
queue with the summary as a message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sunrelay.desk.permissions import check_can_work
from sunrelay.desk.services.bulk_changes import NoSuchTickets, change_tickets
from sunrelay.desk.views.queue_forms import BulkForm
from sunrelay.desk.views.queues import queue_context, queue_or_404
from sunrelay.lib.forms import apply_service_errors
from sunrelay.team.roles import ticket_workers
from sunrelay.web.access import desk_view, is_htmx


@desk_view
@require_http_methods(["GET", "POST"])
def bulk(request: HttpRequest, name: str) -> HttpResponse:
    current = queue_or_404(name)
    back = reverse("desk:queue", args=[current.slug])
    if request.method == "GET":  # a reload after the form was sent: show the queue
        return redirect(back)
    check_can_work(request.user)
    form = BulkForm(request.POST, assignees=ticket_workers())
    outcome = None
    if form.is_valid():
        try:
            outcome = change_tickets(request.user, form.ticket_ids(), form.changes(request.user))
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"ids": None, "tags": None})
        except NoSuchTickets as exc:
            form.add_error(None, str(exc))
    params = form.params()
    if is_htmx(request):
        # After a change the navigation's counts are drawn again too (out of band); a refused
        # form comes back with its errors and the tickets still ticked.
        context = queue_context(request, current, params, whole=not form.errors)
        context.update(bulk_outcome=outcome, navigation_oob=not form.errors)
        if form.errors:
            context.update(bulk_form=form, selected=set(form.ticket_ids()))
        return render(
            request, "desk/_queue_results.html", context, status=422 if form.errors else 200
        )
    if form.errors:
        errors = [e for field in form.errors.values() for e in field]
        messages.error(request, "Nothing was changed: " + " ".join(errors))
    elif outcome.count("refused") or outcome.count("not_found"):
        messages.warning(request, outcome.summary)
    else:
        messages.success(request, outcome.summary)
    query = params.urlencode()
    return redirect(f"{back}?{query}" if query else back)
