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

from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.integrations import access
from sunrelay.integrations.models import Delivery, DeliveryState, Webhook, WebhookEvent
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
    """One delivery per subscribed active webhook for each event that goes out; the count."""
    wanted = [(event, EVENT_OF[event.kind]) for event in events if event.kind in EVENT_OF]
    if not wanted:
        return 0
    hooks = list(Webhook.objects.filter(active=True))
    rows = []
    for event, name in wanted:
        for hook in hooks:
            if name in hook.events:
                key = new_token()
                rows.append(
                    Delivery(
                        webhook=hook,
                        event=name,
                        ticket=event.ticket,
                        key=key,
                        payload=payload(event, name, key),
                        next_attempt_at=event.at,
                        created_at=event.at,
                    )
                )
    Delivery.objects.bulk_create(rows)
    return len(rows)


def _clean(name: str, url: str, events: list[str]) -> tuple[str, str, list[str]]:
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "Give the webhook a name."
    try:
        URLValidator(schemes=["http", "https"])(url or "")
    except ValidationError:
        errors["url"] = "The URL must be an http(s) address."
    unknown = sorted(set(events) - set(WebhookEvent.values))
    if unknown or not events:
        choices = ", ".join(WebhookEvent.values)
        errors["events"] = f"Choose one or more of {choices}; not {', '.join(unknown) or 'none'}."
    if errors:
        raise ValidationError(errors)
    return name[:100], url, sorted(set(events))


def create(user, *, name: str, url: str, events: list[str], active: bool = True) -> Webhook:
    access.check_webhooks(user)
    name, url, events = _clean(name, url, events)
    return Webhook.objects.create(
        name=name,
        url=url,
        events=events,
        active=active,
        secret=secrets.token_urlsafe(32),
        created_at=timezone.now(),
    )


def update(user, hook: Webhook, **changes) -> Webhook:
    access.check_webhooks(user)
    merged = {"name": hook.name, "url": hook.url, "events": hook.events} | {
        k: v for k, v in changes.items() if k in ("name", "url", "events") and v is not None
    }
    hook.name, hook.url, hook.events = _clean(**merged)
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
