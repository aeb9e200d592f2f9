"""/search: the desk's search over tickets, contacts and accounts (search.service)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sunrelay.api.auth import actor
from sunrelay.api.schemas import AccountRef, ContactRef, Id
from sunrelay.search.service import search as run_search

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(
        ..., max_length=500, description='Words, "phrases", prefix*, -word, #1234, filters'
    )
    limit: int = Field(20, ge=1, le=100)


class TicketHit(Schema):
    id: Id
    subject: str
    status: str
    account: AccountRef | None
    requester: ContactRef
    snippet: str = Field(description="HTML: escaped text, matched words in <mark>")


class SearchOut(Schema):
    tickets: list[TicketHit]
    contacts: list[ContactRef]
    accounts: list[AccountRef]


@router.get("", response=SearchOut, summary="Search tickets, contacts and accounts")
def search(request: HttpRequest, params: Query[SearchParams]):
    found = run_search(actor(request), params.q, limit=params.limit)
    if found.error:
        raise ValidationError({"q": found.error})
    return {
        "tickets": [
            {
                "id": f.item.pk,
                "subject": f.item.subject,
                "status": f.item.status,
                "account": f.item.account,
                "requester": f.item.requester,
                "snippet": str(f.snippet),
            }
            for f in found.tickets
        ],
        "contacts": [f.item for f in found.contacts],
        "accounts": [f.item for f in found.accounts],
    }
