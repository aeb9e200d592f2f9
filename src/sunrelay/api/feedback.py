"""/feedback and /themes: product feedback (docs/feedback.md). Handlers parse and render;
feedback.services decides, feedback.access says who may (sales: their accounts' items, and the
themes counted over them; people who work tickets capture and link)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus

from sunrelay.accounts.permissions import visible_accounts, visible_contacts
from sunrelay.api.auth import actor
from sunrelay.api.schemas import AccountRef, Id, Input, Paging, ThemeRef, page
from sunrelay.desk.models import ProductArea
from sunrelay.desk.permissions import visible_tickets
from sunrelay.feedback import access, ranking, services
from sunrelay.feedback.models import Importance, Source, ThemeStatus
from sunrelay.feedback.services import MAX_QUOTE

router = Router(tags=["feedback"])
themes_router = Router(tags=["feedback"])


class ItemOut(Schema):
    id: int
    quote: str
    account: AccountRef | None
    contact_id: int | None
    ticket_id: int | None
    product_area: str | None
    importance: Importance
    source: Source
    theme: ThemeRef | None
    created_at: str

    @staticmethod
    def resolve_product_area(obj) -> str | None:
        return obj.product_area.slug if obj.product_area else None

    @staticmethod
    def resolve_created_at(obj) -> str:
        return obj.created_at.isoformat()


class ItemPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemOut]


class ItemIn(Input):
    quote: str = Field(min_length=1, max_length=MAX_QUOTE, description="The customer's words")
    account_id: Id | None = None
    contact_id: Id | None = None
    ticket_id: Id | None = None
    product_area: str | None = Field(None, max_length=80, description="A product area's slug")
    importance: Importance = Importance.IMPORTANT
    theme_id: Id | None = None


class LinkIn(Input):
    theme_id: Id | None = Field(None, description="null takes the item out of its theme")


class ItemFilters(Schema):
    theme: Id | None = None
    account: Id | None = None
    unthemed: bool | None = None


class ThemeOut(Schema):
    id: int
    name: str
    status: ThemeStatus
    product_area: str | None
    items: int
    accounts: int
    contacts: int
    mrr: Decimal
    median_mrr: Decimal
    tiers: dict[str, int]
    weighted_demand: int
    weekly: list[int] = Field(description="New items per week, oldest first, the last 8 weeks")
    population: str
    rice: float | None


class ThemeIn(Input):
    name: str = Field(min_length=1, max_length=120)
    product_area: str | None = Field(None, max_length=80)
    description: str = Field("", max_length=4000)


def _theme_out(row: ranking.Ranked) -> dict:
    t = row.theme
    return {
        "id": t.pk, "name": t.name, "status": t.status,
        "product_area": t.product_area.slug if t.product_area else None,
        "items": row.items, "accounts": row.accounts, "contacts": row.contacts,
        "mrr": row.mrr, "median_mrr": row.median_mrr, "tiers": row.tiers,
        "weighted_demand": row.demand, "weekly": row.weekly, "population": row.population,
        "rice": row.rice,
    }  # fmt: skip


def _items(request: HttpRequest):
    return access.visible_items(actor(request)).select_related("account", "product_area", "theme")


def _area(slug: str | None, field: str = "product_area"):
    if not slug:
        return None
    area = ProductArea.objects.filter(slug=slug).first()
    if area is None:
        raise ValidationError({field: f"There is no product area {slug!r}."})
    return area


def _theme(user, theme_id: int | None, field: str = "theme_id"):
    if theme_id is None:
        return None
    found = access.visible_themes(user).filter(pk=theme_id).first()
    if found is None:
        raise ValidationError({field: "There is no such theme."})
    return found


@router.get("", response=ItemPage, summary="List feedback items")
def list_items(request: HttpRequest, filters: Query[ItemFilters], paging: Query[Paging]):
    found = _items(request)
    if filters.theme is not None:
        found = found.filter(theme_id=filters.theme)
    if filters.account is not None:
        found = found.filter(account_id=filters.account)
    if filters.unthemed is not None:
        found = found.filter(theme__isnull=filters.unthemed)
    return page(found.order_by("-created_at", "-id"), paging)


@router.post("", response={201: ItemOut}, summary="Capture a feedback item")
def create_item(request: HttpRequest, payload: ItemIn):
    user = actor(request)
    access.check_curate(user)
    found = {}
    for field, visible in (
        ("account_id", visible_accounts(user)),
        ("contact_id", visible_contacts(user)),
        ("ticket_id", visible_tickets(user)),
    ):
        pk = getattr(payload, field)
        if pk is not None:
            found[field[:-3]] = visible.filter(pk=pk).first()
            if found[field[:-3]] is None:
                raise ValidationError({field: "There is no such row that you may see."})
    item = services.capture(
        user,
        quote=payload.quote,
        importance=payload.importance,
        product_area=_area(payload.product_area),
        theme=_theme(user, payload.theme_id),
        source=Source.API,
        **found,
    )
    return HttpStatus(201, _items(request).get(pk=item.pk))


@router.get("/{item_id}", response=ItemOut, summary="Show a feedback item")
def show_item(request: HttpRequest, item_id: Id):
    return get_object_or_404(_items(request), pk=item_id)


@router.post("/{item_id}/theme", response=ItemOut, summary="Link an item to a theme")
def link_item(request: HttpRequest, item_id: Id, payload: LinkIn):
    item = get_object_or_404(_items(request), pk=item_id)
    user = actor(request)
    access.check_curate(user)
    services.link(user, item, _theme(user, payload.theme_id))
    return _items(request).get(pk=item.pk)


@themes_router.get("", response=list[ThemeOut], summary="List themes, most demand first")
def list_themes(request: HttpRequest):
    return [_theme_out(row) for row in ranking.rank(actor(request), timezone.now())]


@themes_router.post("", response={201: ThemeOut}, summary="Create a theme")
def create_theme(request: HttpRequest, payload: ThemeIn):
    user = actor(request)
    access.check_curate(user)
    made = services.create_theme(
        user,
        name=payload.name,
        product_area=_area(payload.product_area),
        description=payload.description,
    )
    return HttpStatus(201, _one(user, made.pk))


def _one(user, theme_id: int) -> dict:
    themes = access.visible_themes(user).filter(pk=theme_id)
    rows = ranking.rank(user, timezone.now(), themes=themes)
    if not rows:
        get_object_or_404(themes)  # answers 404
    return _theme_out(rows[0])


@themes_router.get("/{theme_id}", response=ThemeOut, summary="Show a theme with its numbers")
def show_theme(request: HttpRequest, theme_id: Id):
    return _one(actor(request), theme_id)
