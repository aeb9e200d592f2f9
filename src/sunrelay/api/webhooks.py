"""/webhooks: outgoing webhooks for ticket events, their delivery log and "send again"
(integrations.outgoing holds the rules, integrations.access who may: leads; docs/integrations.md)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.api.webhook_schemas import (
    DeliveryOut,
    DeliveryPage,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
)
from sunrelay.integrations import access, outgoing
from sunrelay.integrations.models import Delivery, Webhook

router = Router(tags=["webhooks"])


def _hook(request: HttpRequest, webhook_id: int) -> Webhook:
    access.check_webhooks(actor(request))
    return get_object_or_404(Webhook, pk=webhook_id)


@router.get("", response=list[WebhookOut], summary="Outgoing webhooks")
def list_webhooks(request: HttpRequest):
    access.check_webhooks(actor(request))
    return list(Webhook.objects.all())


@router.post("", response={201: WebhookCreated}, summary="Add an outgoing webhook")
def create_webhook(request: HttpRequest, payload: WebhookIn):
    hook = outgoing.create(actor(request), **payload.dict())
    return HttpStatus(201, hook)


@router.get("/{webhook_id}", response=WebhookOut, summary="An outgoing webhook")
def get_webhook(request: HttpRequest, webhook_id: Id):
    return _hook(request, webhook_id)


@router.patch("/{webhook_id}", response=WebhookOut, summary="Change an outgoing webhook")
def update_webhook(request: HttpRequest, webhook_id: Id, payload: WebhookPatch):
    hook = _hook(request, webhook_id)
    return outgoing.update(actor(request), hook, **payload.dict(exclude_unset=True))


@router.delete("/{webhook_id}", response={204: None}, summary="Remove an outgoing webhook")
def delete_webhook(request: HttpRequest, webhook_id: Id):
    outgoing.delete(actor(request), _hook(request, webhook_id))
    return HttpStatus(204, None)


@router.get(
    "/{webhook_id}/deliveries",
    response=DeliveryPage,
    summary="A webhook's deliveries, newest first",
)
def list_deliveries(request: HttpRequest, webhook_id: Id, paging: Query[Paging]):
    hook = _hook(request, webhook_id)
    return page(hook.deliveries.order_by("-created_at", "-id"), paging)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/send-again",
    response={201: DeliveryOut},
    summary="Queue a delivery again (a new delivery id, the same body)",
)
def send_again(request: HttpRequest, webhook_id: Id, delivery_id: Id):
    hook = _hook(request, webhook_id)
    delivery = get_object_or_404(Delivery, pk=delivery_id, webhook=hook)
    return HttpStatus(201, outgoing.send_again(actor(request), delivery))
