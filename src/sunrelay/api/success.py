"""/account-teams, /support-requests and /tickets/{id}/context: customer engineering
(success.access decides who sees and does what; docs/success.md)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.accounts.models import Account
from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.api.success_schemas import (
    CapacityOut,
    ContextIn,
    ContextOut,
    DecisionIn,
    RequestFilters,
    RequestIn,
    RequestOut,
    RequestPage,
    TeamChangeOut,
    TeamIn,
    TeamOut,
    TeamPage,
)
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.success import access, forms_to_support, teams

teams_router = Router(tags=["customer engineering"])
requests_router = Router(tags=["customer engineering"])
context_router = Router(tags=["customer engineering"])


def _person(user_id: int | None, field: str):
    if user_id is None:
        return None
    found = get_user_model().objects.filter(pk=user_id).first()
    if found is None:
        raise ValidationError({field: "Nobody has this id."})
    return found


def _team(account: Account, strategic: set[int]) -> dict:
    return {
        "account": account,
        "mrr": account.mrr,
        "strategic": account.pk in strategic,
        "ae": account.ae,
        "ce": account.ce,
    }


@teams_router.get("", response=TeamPage, summary="List account teams (AE and CE per account)")
def list_teams(request: HttpRequest, paging: Query[Paging]):
    user = actor(request)
    load = teams.capacity(user)
    found = access.team_accounts(user).select_related("ae", "ce").order_by("name")
    listed = page(found, paging)
    listed["items"] = [_team(a, load.strategic_ids) for a in listed["items"]]
    return listed


@teams_router.get("/capacity", response=CapacityOut, summary="Each CE's load and moves")
def capacity(request: HttpRequest):
    load = teams.capacity(actor(request))
    return {
        "low": load.low,
        "high": load.high,
        "engineers": [
            {
                "engineer": e.user,
                "accounts": len(e.accounts),
                "mrr": e.mrr,
                "strategic": e.strategic,
                "open_tickets": e.open_tickets,
                "breaches": e.breaches,
                "state": e.state,
            }
            for e in load.engineers
        ],
        "unpaired": load.unpaired,
        "moves": [
            {
                "account": m.account,
                "from_engineer": m.from_user,
                "to_engineer": m.to_user,
                "reason": m.reason,
            }
            for m in load.moves
        ],
    }


@teams_router.put("/{account_id}", response=TeamOut, summary="Change an account's team (leads)")
def change_team(request: HttpRequest, account_id: Id, payload: TeamIn):
    user = actor(request)
    account = get_object_or_404(access.team_accounts(user), pk=account_id)
    ae, ce = _person(payload.ae_id, "ae_id"), _person(payload.ce_id, "ce_id")
    teams.pair(account, user, ae=ae, ce=ce, reason=payload.reason)
    account.refresh_from_db()
    return _team(account, teams.capacity(user).strategic_ids)


@teams_router.get(
    "/{account_id}/history", response=list[TeamChangeOut], summary="An account's team changes"
)
def team_history(request: HttpRequest, account_id: Id):
    account = get_object_or_404(access.team_accounts(actor(request)), pk=account_id)
    return list(teams.history(account))


@requests_router.get("", response=RequestPage, summary="List support requests")
def list_requests(request: HttpRequest, filters: Query[RequestFilters], paging: Query[Paging]):
    found = access.visible_requests(actor(request))
    if filters.status is not None:
        found = found.filter(status=filters.status)
    found = found.select_related("account", "ticket", "requester", "decided_by")
    return page(found.order_by("-created_at", "-id"), paging)


@requests_router.post("", response={201: RequestOut}, summary="Send a request to support's head")
def file_request(request: HttpRequest, payload: RequestIn):
    user = actor(request)
    values = payload.model_dump()
    account_id, ticket_id = values.pop("account_id"), values.pop("ticket_id")
    ticket = account = None
    if ticket_id is not None:
        ticket = visible_tickets(user, Ticket.objects.all()).filter(pk=ticket_id).first()
        if ticket is None:
            raise ValidationError({"ticket_id": "No ticket with this id that you may see."})
    if account_id is not None:
        account = access.team_accounts(user).filter(pk=account_id).first()
        if account is None:
            raise ValidationError({"account_id": "No account with this id that you may see."})
    row = forms_to_support.file_request(user, ticket=ticket, account=account, **values)
    return HttpStatus(201, row)


@requests_router.get("/{request_id}", response=RequestOut, summary="Get a support request")
def get_request(request: HttpRequest, request_id: Id):
    return get_object_or_404(access.visible_requests(actor(request)), pk=request_id)


@requests_router.patch("/{request_id}", response=RequestOut, summary="Answer a request (leads)")
def decide_request(request: HttpRequest, request_id: Id, payload: DecisionIn):
    user = actor(request)
    row = get_object_or_404(access.visible_requests(user), pk=request_id)
    return forms_to_support.decide(row, user, status=payload.status, answer=payload.answer)


def _ticket(request: HttpRequest, ticket_id: int) -> Ticket:
    return get_object_or_404(visible_tickets(actor(request), Ticket.objects.all()), pk=ticket_id)


@context_router.get(
    "/{ticket_id}/context", response=list[ContextOut], summary="A ticket's support context"
)
def list_context(request: HttpRequest, ticket_id: Id):
    ticket = _ticket(request, ticket_id)
    notes = access.visible_notes(actor(request)).filter(ticket=ticket).select_related("author")
    return list(notes)


@context_router.post(
    "/{ticket_id}/context", response={201: ContextOut}, summary="Give support context on a ticket"
)
def add_context(request: HttpRequest, ticket_id: Id, payload: ContextIn):
    ticket = _ticket(request, ticket_id)
    note = forms_to_support.add_context(actor(request), ticket=ticket, **payload.model_dump())
    return HttpStatus(201, note)
