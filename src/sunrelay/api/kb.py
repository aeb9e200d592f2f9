"""/articles and /macros: the knowledge base and canned replies (kb.articles, kb.macros)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.kb_schemas import (
    Applied,
    ArticleFilters,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticlePatch,
    MacroApply,
    MacroIn,
    MacroOut,
    MacroPage,
    MacroPatch,
    VersionOut,
)
from sunrelay.api.schemas import Id, Paging
from sunrelay.desk.models import ProductArea, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.kb import articles, macros
from sunrelay.kb.models import Article, ArticleVersion
from sunrelay.search.backends import backend
from sunrelay.search.query import QueryError, parse

# Ranked search results are read this deep at most.
RANKED = 1000
router = Router(tags=["knowledge"])
macros_router = Router(tags=["knowledge"])


def _area(pk: int | None) -> ProductArea | None:
    if pk is None:
        return None
    area = ProductArea.objects.filter(pk=pk).first()
    if area is None:
        raise ValidationError({"product_area_id": f"There is no product area with id {pk}."})
    return area


def _out(article_list: list[Article]) -> list[dict]:
    versions = {
        v.article_id: v
        for v in ArticleVersion.objects.filter(
            article__in=article_list, number=F("article__version")
        )
    }
    return [
        {
            "id": a.pk,
            "slug": a.slug,
            "title": a.title,
            "visibility": a.visibility,
            "product_area": a.product_area,
            "version": a.version,
            "updated_at": a.updated_at,
            **{name: getattr(versions[a.pk], name) for name in ("body", *articles.LEVELS)},
        }
        for a in article_list
    ]


def _visible(request) -> object:
    return articles.visible_articles(actor(request)).select_related("product_area")


@router.get("", response=ArticlePage, summary="List or search articles")
def list_articles(request: HttpRequest, filters: Query[ArticleFilters], paging: Query[Paging]):
    found = _visible(request)
    if filters.area:
        found = found.filter(product_area__slug=filters.area)
    if filters.visibility:
        found = found.filter(visibility=filters.visibility)
    if filters.q:
        try:
            query = parse(filters.q)
        except QueryError as exc:
            raise ValidationError({"q": str(exc)}) from None
        # Ranked results are read up to RANKED deep; offsets past that find nothing.
        limit = min(paging.offset + paging.limit, RANKED)
        ids = [h.id for h in backend().documents(query, articles.ARTICLE, found, limit=limit)]
        rows = found.in_bulk(ids)
        ordered = [rows[i] for i in ids if i in rows]
        return {
            "count": len(ordered),
            "limit": paging.limit,
            "offset": paging.offset,
            "items": _out(ordered[paging.offset :]),
        }
    ordered = found.order_by("title", "pk")
    items = list(ordered[paging.offset : paging.offset + paging.limit])
    return {
        "count": ordered.count(),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": _out(items),
    }


@router.get("/{article_id}", response=ArticleOut, summary="Read an article")
def get_article(request: HttpRequest, article_id: Id):
    return _out([get_object_or_404(_visible(request), pk=article_id)])[0]


@router.get("/{article_id}/versions", response=list[VersionOut], summary="An article's versions")
def article_versions(request: HttpRequest, article_id: Id):
    article = get_object_or_404(_visible(request), pk=article_id)
    return list(article.versions.select_related("author"))


@router.post("", response={201: ArticleOut}, summary="Write an article")
def create_article(request: HttpRequest, payload: ArticleIn):
    data = payload.model_dump()
    area = _area(data.pop("product_area_id"))
    article = articles.create_article(actor(request), product_area=area, **data)
    return HttpStatus(201, _out([_visible(request).get(pk=article.pk)])[0])


@router.patch("/{article_id}", response=ArticleOut, summary="Edit an article (a new version)")
def edit_article(request: HttpRequest, article_id: Id, payload: ArticlePatch):
    article = get_object_or_404(_visible(request), pk=article_id)
    changes = payload.model_dump(exclude_unset=True)
    if "product_area_id" in changes:
        changes["product_area"] = _area(changes.pop("product_area_id"))
    articles.edit_article(article, actor(request), **changes)
    return _out([_visible(request).get(pk=article.pk)])[0]


def _macros(request):
    return macros.visible_macros(actor(request)).select_related("owner")


def _changes(payload_changes) -> dict:
    return {k: v for k, v in payload_changes.items() if v}


@macros_router.get("", response=MacroPage, summary="List the macros you may use")
def list_macros(request: HttpRequest, paging: Query[Paging]):
    found = _macros(request).order_by("name", "pk")
    items = list(found[paging.offset : paging.offset + paging.limit])
    return {"count": found.count(), "limit": paging.limit, "offset": paging.offset, "items": items}


@macros_router.get("/{macro_id}", response=MacroOut, summary="Read a macro")
def get_macro(request: HttpRequest, macro_id: Id):
    return get_object_or_404(_macros(request), pk=macro_id)


@macros_router.post("", response={201: MacroOut}, summary="Create a macro")
def create_macro(request: HttpRequest, payload: MacroIn):
    data = payload.model_dump()
    macro = macros.create_macro(
        actor(request),
        name=data["name"],
        body=data["body"],
        changes=_changes(data["changes"]),
        shared=data["shared"],
        team=data["team"],
    )
    return HttpStatus(201, _macros(request).get(pk=macro.pk))


@macros_router.patch("/{macro_id}", response=MacroOut, summary="Change a macro")
def update_macro(request: HttpRequest, macro_id: Id, payload: MacroPatch):
    macro = get_object_or_404(_macros(request), pk=macro_id)
    changes = payload.model_dump(exclude_unset=True)
    if "changes" in changes:
        changes["changes"] = _changes(changes["changes"] or {})
    macros.update_macro(macro, actor(request), **changes)
    return _macros(request).get(pk=macro.pk)


@macros_router.delete("/{macro_id}", response={204: None}, summary="Delete a macro")
def delete_macro(request: HttpRequest, macro_id: Id):
    macros.delete_macro(get_object_or_404(_macros(request), pk=macro_id), actor(request))
    return HttpStatus(204, None)


@macros_router.post("/{macro_id}/apply", response=Applied, summary="Apply a macro to a ticket")
def apply_macro(request: HttpRequest, macro_id: Id, payload: MacroApply):
    user = actor(request)
    macro = get_object_or_404(_macros(request), pk=macro_id)
    ticket = visible_tickets(user, Ticket.objects.select_related("requester", "account"))
    ticket = ticket.filter(pk=payload.ticket_id).first()
    if ticket is None:
        raise ValidationError({"ticket_id": f"There is no ticket with id {payload.ticket_id}."})
    message = macros.apply_macro(macro, ticket, user, body=payload.body, public=payload.public)
    return {"ticket_id": ticket.pk, "message_id": message.pk}
