"""/accounts: customer organisations, their tier, revenue, team and e-mail domains."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.accounts import services
from sunrelay.accounts.models import Account
from sunrelay.accounts.permissions import check_can_edit, visible_accounts
from sunrelay.api import lookups
from sunrelay.api.account_schemas import (
    AccountFilters,
    AccountIn,
    AccountOut,
    AccountPage,
    AccountPatch,
)
from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Paging, page

router = Router(tags=["accounts"])


def accounts_for(user) -> QuerySet[Account]:
    return visible_accounts(user).select_related("ae", "ce").prefetch_related("domains")


@router.get("", response=AccountPage, summary="List accounts")
def list_accounts(request: HttpRequest, filters: Query[AccountFilters], paging: Query[Paging]):
    accounts = accounts_for(actor(request))
    if filters.tier is not None:
        accounts = accounts.filter(tier=filters.tier)
    if filters.strategic is not None:
        accounts = accounts.filter(strategic=filters.strategic)
    if filters.q:
        accounts = accounts.filter(name__icontains=filters.q)
    return page(accounts.order_by("name", "id"), paging)


@router.get("/{account_id}", response=AccountOut, summary="Read an account")
def get_account(request: HttpRequest, account_id: Id):
    return get_object_or_404(accounts_for(actor(request)), pk=account_id)


def _team(changes: dict) -> dict:
    for field in ("ae", "ce"):
        if f"{field}_id" in changes:
            changes[field] = lookups.user_or_none(f"{field}_id", changes.pop(f"{field}_id"))
    return changes


@router.post("", response={201: AccountOut}, summary="Create an account")
def create_account(request: HttpRequest, payload: AccountIn):
    user = actor(request)
    check_can_edit(user)
    account = services.create_account(actor=user, **_team(payload.model_dump()))
    return HttpStatus(201, accounts_for(user).get(pk=account.pk))


@router.patch("/{account_id}", response=AccountOut, summary="Change an account")
def update_account(request: HttpRequest, account_id: Id, payload: AccountPatch):
    user = actor(request)
    account = get_object_or_404(visible_accounts(user), pk=account_id)
    check_can_edit(user)
    services.update_account(account, user, **_team(payload.model_dump(exclude_unset=True)))
    return accounts_for(user).get(pk=account.pk)
