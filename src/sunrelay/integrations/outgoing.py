"""Outgoing webhooks: which ticket events go out, the JSON they carry, and the webhooks' own
rules (set up by leads). Each event becomes one Delivery per active subscribed webhook,
written in the ticket's own transaction (nothing is posted for a change that rolled back);
integrations.delivery posts them.

The body: {"event", "delivery", "at", "ticket": {id, subject, status, priority, level,
account_id, assignee_id, url}, "change": {"old", "new"}}, signed like paging's JSON webhooks
(paging.webhooks.sign: X-Sunrelay-Timestamp and X-Sunrelay-Signature)."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import EventKind, Level, Priority, TicketEvent
from sunrelay.integrations import access, chat
from sunrelay.integrations.models import (
    Delivery,
    DeliveryState,
    Webhook,
    WebhookEvent,
    WebhookFormat,
)
from sunrelay.lib.leases import new_token

EVENT_OF = {
    EventKind.CREATED: WebhookEvent.CREATED,
    EventKind.REPLIED: WebhookEvent.REPLIED,
    EventKind.STATUS: WebhookEvent.STATUS,
    EventKind.ASSIGNEE: WebhookEvent.ASSIGNED,
    EventKind.SLA_WARNING: WebhookEvent.SLA_WARNING,
    EventKind.SLA_BREACHED: WebhookEvent.SLA_BREACHED,
    EventKind.HANDED_OFF: WebhookEvent.HANDED_OFF,
}


def names(event: TicketEvent) -> list[str]:
    """The webhook events one ticket event is: its own, and "urgent" when it opened an urgent
    ticket or raised one to urgent."""
    found = [EVENT_OF[event.kind]] if event.kind in EVENT_OF else []
    opened_urgent = event.kind == EventKind.CREATED and event.ticket.priority == Priority.URGENT
    if opened_urgent or (event.kind == EventKind.PRIORITY and event.new == Priority.URGENT):
        found.append(WebhookEvent.URGENT)
    return found


def body(hook: Webhook, event: TicketEvent, name: str, key: str) -> dict:
    if hook.format == WebhookFormat.SLACK:
        return chat.message(event, name)
    return payload(event, name, key)


def payload(event: TicketEvent, name: str, key: str) -> dict:
    ticket = event.ticket
    return {
        "event": name,
        "delivery": key,
        "at": event.at.isoformat(),
        "ticket": {
            "id": ticket.pk,
            "subject": ticket.subject,
            "status": ticket.status,
            "priority": ticket.priority,
            "level": ticket.level,
            "account_id": ticket.account_id,
            "assignee_id": ticket.assignee_id,
            "url": settings.BASE_URL.rstrip("/") + reverse("desk:ticket", args=[ticket.pk]),
        },
        "change": {"old": event.old, "new": event.new},
    }


def enqueue(events: list[TicketEvent]) -> int:
    """One delivery per subscribed active webhook (and chat channel whose team and tier
    match the ticket) for each event that goes out; the count."""
    wanted = [(event, name) for event in events for name in names(event)]
    if not wanted:
        return 0
    hooks = list(Webhook.objects.filter(active=True))
    rows = []
    for event, name in wanted:
        for hook in hooks:
            if name in hook.events and chat.matches(hook, event.ticket):
                key = new_token()
                rows.append(
                    Delivery(
                        webhook=hook,
                        event=name,
                        ticket=event.ticket,
                        key=key,
                        payload=body(hook, event, name, key),
                        next_attempt_at=event.at,
                        created_at=event.at,
                    )
                )
    Delivery.objects.bulk_create(rows)
    return len(rows)


def _choices(values, allowed, what: str, errors: dict) -> list[str]:
    values = list(values or [])
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        errors[what] = f"Choose among {', '.join(allowed)}; not {', '.join(unknown)}."
    return sorted(set(values))


def _clean(
    name: str,
    url: str,
    events: list[str],
    format: str = WebhookFormat.JSON,  # noqa: A002 - the field's name
    levels: list[str] | None = None,
    tiers: list[str] | None = None,
) -> dict:
    errors = {}
    if format not in WebhookFormat.values:
        errors["format"] = f"The format is one of {', '.join(WebhookFormat.values)}."
    allowed = chat.CHAT_EVENTS if format == WebhookFormat.SLACK else WebhookEvent.values
    name = (name or "").strip()
    if not name:
        errors["name"] = "Give the webhook a name."
    try:
        URLValidator(schemes=["http", "https"])(url or "")
    except ValidationError:
        errors["url"] = "The URL must be an http(s) address."
    events = list(events or [])
    unknown = sorted(set(events) - set(allowed))
    if unknown or not events:
        choices = ", ".join(allowed)
        errors["events"] = f"Choose one or more of {choices}; not {', '.join(unknown) or 'none'}."
    levels = _choices(levels, Level.values, "levels", errors)
    tiers = _choices(tiers, Tier.values, "tiers", errors)
    if errors:
        raise ValidationError(errors)
    return {
        "name": name[:100],
        "url": url,
        "events": sorted(set(events)),
        "format": format,
        "levels": levels,
        "tiers": tiers,
    }


EDITABLE = ("name", "url", "events", "format", "levels", "tiers")


def create(user, *, active: bool = True, **fields) -> Webhook:
    """A webhook, or a chat channel (format "slack"); fields as EDITABLE."""
    access.check_webhooks(user)
    return Webhook.objects.create(
        **_clean(**fields),
        active=active,
        secret=secrets.token_urlsafe(32),
        created_at=timezone.now(),
    )


def update(user, hook: Webhook, **changes) -> Webhook:
    access.check_webhooks(user)
    merged = {k: getattr(hook, k) for k in EDITABLE} | {
        k: v for k, v in changes.items() if k in EDITABLE and v is not None
    }
    for field, value in _clean(**merged).items():
        setattr(hook, field, value)
    if changes.get("active") is not None:
        hook.active = changes["active"]
    hook.save()
    return hook


def delete(user, hook: Webhook) -> None:
    access.check_webhooks(user)
    hook.delete()


@transaction.atomic
def send_again(user, delivery: Delivery, *, now: datetime | None = None) -> Delivery:
    """A fresh delivery of the same body (a new X-Sunrelay-Delivery id: the receiver asked
    for it again), queued now."""
    access.check_webhooks(user)
    now = now or timezone.now()
    key = new_token()
    return Delivery.objects.create(
        webhook=delivery.webhook,
        event=delivery.event,
        ticket=delivery.ticket,
        key=key,
        payload={**delivery.payload, "delivery": key},
        state=DeliveryState.QUEUED,
        next_attempt_at=now,
        created_at=now,
        resent_from=delivery,
    )
