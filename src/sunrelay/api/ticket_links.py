"""/tickets/{id}/links: typed links from a ticket to log searches, error-tracker items and
dashboards, and /link-patterns, the teams' URL patterns (rules: integrations.typed_links;
docs/integrations.md). Sales read the links of their accounts' tickets; customers none."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Input
from sunrelay.desk.models import Level
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.integrations import typed_links
from sunrelay.integrations.access import check_webhooks
from sunrelay.integrations.models import LinkKind, LinkPattern, TicketLink

router = Router(tags=["integrations"])
patterns = Router(tags=["integrations"])


class TicketLinkIn(Input):
    kind: LinkKind | None = Field(None, description="Required with url; a pattern sets it.")
    url: str = Field("", max_length=1000, description="An http(s) URL; or give pattern_id and ref.")
    pattern_id: Id | None = Field(None, description="One of the ticket's team's link patterns.")
    ref: str = Field("", max_length=200, description="The id put into the pattern's {id}.")
    label: str = Field("", max_length=200)


class TicketLinkOut(Schema):
    id: int
    ticket_id: int
    kind: LinkKind
    url: str
    label: str
    pattern_id: int | None
    added_by_id: int | None
    added_at: datetime


class LinkPatternIn(Input):
    name: str = Field(max_length=80)
    kind: LinkKind
    pattern: str = Field(max_length=500, description="An http(s) URL holding {id} once.")
    level: Level | None = Field(None, description="The team whose tickets offer it; none: all.")


class LinkPatternOut(Schema):
    id: int
    name: str
    kind: LinkKind
    pattern: str
    level: str


def _ticket(request: HttpRequest, ticket_id: int):
    return get_object_or_404(visible_tickets(actor(request)), pk=ticket_id)


@router.get("/{ticket_id}/links", response=list[TicketLinkOut], summary="A ticket's typed links")
def list_links(request: HttpRequest, ticket_id: Id):
    return list(_ticket(request, ticket_id).typed_links.all())


@router.post("/{ticket_id}/links", response={201: TicketLinkOut}, summary="Link a ticket")
def add_link(request: HttpRequest, ticket_id: Id, payload: TicketLinkIn):
    """From a URL and its kind, or from a link pattern of the ticket's team and an id."""
    user, ticket = actor(request), _ticket(request, ticket_id)
    check_can_work(user, ticket)
    pattern = None
    if payload.pattern_id is not None:
        pattern = typed_links.patterns_for(ticket).filter(pk=payload.pattern_id).first()
        if pattern is None:
            raise ValidationError({"pattern_id": "That pattern is not one of this ticket's team."})
    link = typed_links.add(
        user,
        ticket,
        kind=payload.kind or "",
        url=payload.url,
        label=payload.label,
        pattern=pattern,
        ref=payload.ref,
    )
    return HttpStatus(201, link)


@router.delete("/{ticket_id}/links/{link_id}", response={204: None}, summary="Remove a link")
def remove_link(request: HttpRequest, ticket_id: Id, link_id: Id):
    ticket = _ticket(request, ticket_id)
    check_can_work(actor(request), ticket)
    typed_links.remove(actor(request), get_object_or_404(TicketLink, pk=link_id, ticket=ticket))
    return HttpStatus(204, None)


@patterns.get("", response=list[LinkPatternOut], summary="The teams' link patterns")
def list_patterns(request: HttpRequest):
    check_can_work(actor(request))  # agents read them to link; leads change them
    return list(LinkPattern.objects.all())


@patterns.post("", response={201: LinkPatternOut}, summary="Add a link pattern")
def add_pattern(request: HttpRequest, payload: LinkPatternIn):
    fields = payload.dict() | {"level": payload.level or ""}
    return HttpStatus(201, typed_links.add_pattern(actor(request), **fields))


@patterns.delete("/{pattern_id}", response={204: None}, summary="Remove a link pattern")
def remove_pattern(request: HttpRequest, pattern_id: Id):
    check_webhooks(actor(request))
    pattern = get_object_or_404(LinkPattern, pk=pattern_id)
    typed_links.remove_pattern(actor(request), pattern)
    return HttpStatus(204, None)
