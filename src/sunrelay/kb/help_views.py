"""The public help centre (/help/): public articles, searchable, without logging in."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.accounts.models import SkillLevel
from sunrelay.kb.articles import reader_key, record_feedback
from sunrelay.kb.models import Article, Visibility
from sunrelay.kb.reading import find, shown_variants
from sunrelay.search.query import QueryError

LEVELS = [("", "Everyone"), *SkillLevel.choices]


def _public():
    return Article.objects.filter(visibility=Visibility.PUBLIC).select_related("product_area")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:500]
    error, found = "", None
    if text.strip():
        try:
            found = find(_public(), text)
        except QueryError as exc:
            error = str(exc)
    listed = sorted(
        _public(), key=lambda a: (a.product_area is None, str(a.product_area or ""), a.title)
    )
    areas = [(area, list(items)) for area, items in groupby(listed, key=lambda a: a.product_area)]
    context = {"q": text, "found": found, "error": error, "areas": areas}
    return render(request, "kb/help_home.html", context, status=422 if error else 200)


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(_public(), slug=slug)
    level = request.GET.get("level", "")
    level = level if level in SkillLevel.values else ""
    context = {
        "article": found,
        "shown": shown_variants(found, level)[0],
        "levels": LEVELS,
        "level": level,
        "thanked": request.GET.get("thanks") == "1",
    }
    return render(request, "kb/help_article.html", context)


@require_POST
def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(_public(), slug=slug)
    if not request.session.session_key:
        request.session.save()
    record_feedback(
        found,
        helpful=request.POST.get("helpful") == "yes",
        reader=reader_key(f"session:{request.session.session_key}"),
    )
    return redirect(f"/help/{found.slug}/?thanks=1")
