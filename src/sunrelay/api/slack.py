"""/slack/channels: which Slack channel is which account's shared channel (slack.setup holds
the rules; leads and admins only, as the Slack settings page; docs/slack.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja import Status as HttpStatus

from sunrelay.accounts.models import Account
from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id
from sunrelay.api.slack_schemas import SlackChannelIn, SlackChannelOut
from sunrelay.slack import setup
from sunrelay.slack.models import SharedChannel

router = Router(tags=["slack"])


@router.get("/channels", response=list[SlackChannelOut], summary="Shared Slack channels")
def list_channels(request: HttpRequest):
    setup.check_lead(actor(request))
    return list(SharedChannel.objects.select_related("account"))


@router.post(
    "/channels", response={201: SlackChannelOut}, summary="Map a Slack channel to an account"
)
def map_channel(request: HttpRequest, payload: SlackChannelIn):
    user = actor(request)
    setup.check_lead(user)
    account = Account.objects.filter(pk=payload.account_id).first()
    if account is None:  # a field of the input, refused as such (422)
        raise ValidationError({"account_id": "No account has this id."})
    channel = setup.map_channel(
        user, channel_id=payload.channel_id, name=payload.name, account=account
    )
    return HttpStatus(201, channel)


@router.delete("/channels/{mapping_id}", response={204: None}, summary="Unmap a Slack channel")
def unmap_channel(request: HttpRequest, mapping_id: Id):
    user = actor(request)
    setup.check_lead(user)
    setup.unmap_channel(user, get_object_or_404(SharedChannel, pk=mapping_id))
    return HttpStatus(204, None)
