"""The outgoing webhooks' page for leads: the webhooks, adding one (its secret shown once),
and the delivery log with "send again". Rules: integrations.outgoing; who: access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.integrations import access, outgoing
from sunrelay.integrations.models import Delivery, Webhook, WebhookEvent, WebhookFormat
from sunrelay.web.access import desk_view

LOG_SIZE = 100


def _page(request: HttpRequest, *, status: int = 200, **extra) -> HttpResponse:
    access.check_webhooks(request.user)
    deliveries = Delivery.objects.filter(webhook__format=WebhookFormat.JSON)
    deliveries = deliveries.select_related("webhook").order_by("-created_at", "-id")
    context = {
        "webhooks": list(Webhook.objects.filter(format=WebhookFormat.JSON)),
        "deliveries": list(deliveries[:LOG_SIZE]),
        "events": WebhookEvent.choices,
        "form": {"name": "", "url": "", "events": []},
        **extra,
    }
    return render(request, "integrations/webhooks.html", context, status=status)


@desk_view
@require_GET
def webhooks(request: HttpRequest) -> HttpResponse:
    return _page(request)


@desk_view
@require_POST
def add_webhook(request: HttpRequest) -> HttpResponse:
    access.check_webhooks(request.user)
    form = {
        "name": request.POST.get("name", ""),
        "url": request.POST.get("url", ""),
        "events": request.POST.getlist("events"),
    }
    try:
        hook = outgoing.create(request.user, **form)
    except ValidationError as exc:
        return _page(request, status=422, form=form, errors=exc.message_dict)
    messages.success(
        request, f"Webhook {hook.name} added. Its signing secret, shown only now: {hook.secret}"
    )
    return redirect("integrations:webhooks")


@desk_view
@require_POST
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    access.check_webhooks(request.user)
    delivery = get_object_or_404(Delivery, pk=pk)
    outgoing.send_again(request.user, delivery)
    messages.success(request, f"Queued {delivery.get_event_display()} to {delivery.webhook} again.")
    if delivery.webhook.format == WebhookFormat.SLACK:
        return redirect("integrations:chat")
    return redirect("integrations:webhooks")
