"""Paging tickets and raising their level: page (urgent, with a reason), acknowledge, raise
the level, and read the paging runs with their notifications."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.paging_schemas import EscalateIn, EscalationOut, PageIn, PagingRunOut
from sunrelay.api.schemas import Id
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.paging import services
from sunrelay.paging.models import AckVia, PagingRun, Source
from sunrelay.schedule import level_up

router = Router(tags=["paging"])
runs = Router(tags=["paging"])


def _runs():
    return PagingRun.objects.select_related(
        "policy", "paged_by", "acknowledged_by"
    ).prefetch_related("notifications")


def _ticket(request: HttpRequest, ticket_id: int, *, work: bool):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user).select_related("account"), pk=ticket_id)
    if work:
        check_can_work(user, ticket)
    return ticket


@router.post("/{ticket_id}/page", response={201: PagingRunOut}, summary="Page: make urgent")
def page(request: HttpRequest, ticket_id: Id, payload: PageIn):
    """Marks the ticket urgent and starts the default escalation policy. 422 when the ticket
    is already being paged, solved, or no policy exists."""
    ticket = _ticket(request, ticket_id, work=True)
    run = services.page(ticket, actor(request), payload.reason, source=Source.API)
    return HttpStatus(201, _runs().get(pk=run.pk))


@router.post("/{ticket_id}/acknowledge", response=PagingRunOut, summary="Acknowledge a page")
def acknowledge(request: HttpRequest, ticket_id: Id):
    ticket = _ticket(request, ticket_id, work=True)
    run = services.acknowledge_ticket(ticket, actor(request), AckVia.API)
    return _runs().get(pk=run.pk)


@router.get(
    "/{ticket_id}/paging-runs", response=list[PagingRunOut], summary="Paging runs of a ticket"
)
def ticket_runs(request: HttpRequest, ticket_id: Id):
    ticket = _ticket(request, ticket_id, work=False)
    return list(_runs().filter(ticket=ticket).order_by("-created_at", "-id"))


@router.post("/{ticket_id}/escalate", response=EscalationOut, summary="Raise the level")
def escalate(request: HttpRequest, ticket_id: Id, payload: EscalateIn):
    """Moves the ticket up to `level` (the path keeps its first name, "escalate").
    L2: this week's L2 rotation person when on shift, else whoever routing picks.
    Engineering: the Response Team member on call; needs bug_url or repro_notes."""
    ticket = _ticket(request, ticket_id, work=True)
    done = level_up.raise_level(ticket, actor(request), **payload.model_dump())
    return {"ticket_id": ticket.pk, "level": done.level, "assignee": done.assignee, "why": done.why}


@runs.get("/{run_id}", response=PagingRunOut, summary="Read a paging run")
def get_run(request: HttpRequest, run_id: Id):
    return get_object_or_404(_runs().filter(ticket__in=visible_tickets(actor(request))), pk=run_id)
