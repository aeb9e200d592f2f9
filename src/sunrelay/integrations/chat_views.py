"""The chat channels' page for leads: the channels (team, tier, events), adding one, and their
delivery log with "send again" (integrations.webhook_views). Rules: integrations.outgoing and
integrations.chat; who: access (leads)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import Level
from sunrelay.integrations import access, chat, outgoing
from sunrelay.integrations.models import Delivery, Webhook, WebhookEvent, WebhookFormat
from sunrelay.web.access import desk_view

LOG_SIZE = 100


def _page(request: HttpRequest, *, status: int = 200, **extra) -> HttpResponse:
    access.check_webhooks(request.user)
    deliveries = Delivery.objects.filter(webhook__format=WebhookFormat.SLACK)
    context = {
        "channels": list(Webhook.objects.filter(format=WebhookFormat.SLACK)),
        "deliveries": list(
            deliveries.select_related("webhook").order_by("-created_at", "-id")[:LOG_SIZE]
        ),
        "events": [(value, WebhookEvent(value).label) for value in chat.CHAT_EVENTS],
        "levels": Level.choices,
        "tiers": Tier.choices,
        "form": {"name": "", "url": "", "events": [], "levels": [], "tiers": []},
        **extra,
    }
    return render(request, "integrations/chat.html", context, status=status)


@desk_view
@require_GET
def channels(request: HttpRequest) -> HttpResponse:
    return _page(request)


@desk_view
@require_POST
def add_channel(request: HttpRequest) -> HttpResponse:
    access.check_webhooks(request.user)
    form = {
        "name": request.POST.get("name", ""),
        "url": request.POST.get("url", ""),
        "events": request.POST.getlist("events"),
        "levels": request.POST.getlist("levels"),
        "tiers": request.POST.getlist("tiers"),
    }
    try:
        channel = outgoing.create(request.user, format=WebhookFormat.SLACK, **form)
    except ValidationError as exc:
        return _page(request, status=422, form=form, errors=exc.message_dict)
    messages.success(request, f"Chat channel {channel.name} added.")
    return redirect("integrations:chat")


@desk_view
@require_POST
def remove_channel(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Webhook, pk=pk, format=WebhookFormat.SLACK)
    outgoing.delete(request.user, channel)
    messages.success(request, f"Chat channel {channel.name} removed, with its log.")
    return redirect("integrations:chat")
