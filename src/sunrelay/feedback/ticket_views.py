"""The ticket page's product feedback panel (settings.TICKET_PANELS): the items captured from
the ticket, and "Capture as feedback" on each of the customer's messages, quoting them in
their own words. People who work tickets capture; sales read their accounts' tickets' items."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.feedback import access, services
from sunrelay.feedback.models import FeedbackItem, Importance
from sunrelay.web.access import desk_view, is_htmx

SHOWN = 10  # the customer's latest messages offered for capture


class MessageCaptureForm(forms.Form):
    message = forms.IntegerField(min_value=1)
    importance = forms.ChoiceField(choices=Importance.choices, initial=Importance.IMPORTANT)


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    return get_object_or_404(visible_tickets(request.user, Ticket.objects.all()), pk=pk)


def _customer_messages(ticket: Ticket):
    return Message.objects.filter(ticket=ticket, kind=MessageKind.CUSTOMER).select_related(
        "author_contact"
    )


def _panel(request: HttpRequest, ticket: Ticket, *, notice: str = "", status: int = 200):
    items = access.visible_items(request.user, FeedbackItem.objects.filter(ticket=ticket))
    context = {
        "ticket": ticket,
        "items": list(items.select_related("theme", "contact")),
        "may_capture": access.curates(request.user),
        "customer_messages": list(_customer_messages(ticket).order_by("-created_at")[:SHOWN]),
        "importances": Importance.choices,
        "notice": notice,
    }
    template = (
        "feedback/_ticket_panel.html" if is_htmx(request) else "feedback/ticket_panel_page.html"
    )
    return render(request, template, context, status=status)


@desk_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel(request, _ticket(request, pk))


@desk_view
@require_POST
def capture(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    access.check_curate(request.user)
    form = MessageCaptureForm(request.POST)
    message = None
    if form.is_valid():
        message = _customer_messages(ticket).filter(pk=form.cleaned_data["message"]).first()
    if message is None:
        return _panel(request, ticket, notice="Choose one of the customer's messages.", status=422)
    try:
        services.capture(
            request.user,
            quote=message.body_text.strip()[: services.MAX_QUOTE],
            ticket=ticket,
            contact=message.author_contact,
            importance=form.cleaned_data["importance"],
        )
    except ValidationError as exc:
        return _panel(request, ticket, notice=" ".join(exc.messages), status=422)
    if is_htmx(request):
        return _panel(request, ticket, notice="Captured as feedback.")
    messages.success(request, "Captured as feedback.")
    return redirect("desk:ticket", pk=ticket.pk)
