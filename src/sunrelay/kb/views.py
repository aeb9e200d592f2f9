"""The knowledge pages of the desk: articles (list, read, write, versions) and macros."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.desk.models import ProductArea, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.kb import articles, drafts, macros
from sunrelay.kb.forms import ArticleForm, MacroForm
from sunrelay.kb.models import Article
from sunrelay.kb.reading import find, shown_variants
from sunrelay.lib.forms import apply_service_errors
from sunrelay.search.query import QueryError
from sunrelay.team.roles import is_lead, works_tickets
from sunrelay.web.access import desk_view


def _article(request, slug: str) -> Article:
    qs = articles.visible_articles(request.user).select_related("product_area")
    return get_object_or_404(qs, slug=slug)


@desk_view
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:500]
    area = request.GET.get("area", "")
    qs = articles.visible_articles(request.user).select_related("product_area")
    if area:
        qs = qs.filter(product_area__slug=area)
    error = ""
    try:
        found = find(qs, text)
    except QueryError as exc:
        error, found = str(exc), []
    counts = articles.feedback_counts(found)
    rows = [(a, *counts.get(a.pk, (0, 0))) for a in found]
    context = {
        "rows": rows,
        "q": text,
        "area": area,
        "areas": ProductArea.objects.all(),
        "error": error,
        "can_write": works_tickets(request.user),
    }
    return render(request, "kb/article_list.html", context, status=422 if error else 200)


@desk_view
@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article(request, slug)
    helped, not_helped = articles.feedback_counts([article]).get(article.pk, (0, 0))
    context = {
        "article": article,
        "shown": shown_variants(article),
        "versions": article.versions.select_related("author"),
        "helped": helped,
        "not_helped": not_helped,
        "can_write": works_tickets(request.user),
    }
    return render(request, "kb/article_detail.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    articles.check_can_write(request.user)
    initial = {}
    if request.GET.get("ticket"):
        ticket = get_object_or_404(
            visible_tickets(request.user, Ticket.objects.all()), pk=request.GET["ticket"]
        )
        initial = drafts.article_from_ticket(ticket)
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            article = articles.create_article(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("kb:article", slug=article.slug)
    status = 422 if form.errors else 200
    return render(request, "kb/article_form.html", {"form": form, "article": None}, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article(request, slug)
    articles.check_can_write(request.user)
    version = articles.current_version(article)
    initial = {
        "product_area": article.product_area,
        "visibility": article.visibility,
        **{name: getattr(version, name) for name in articles.TEXT_FIELDS},
    }
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            articles.edit_article(article, request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("kb:article", slug=article.slug)
    status = 422 if form.errors else 200
    return render(
        request, "kb/article_form.html", {"form": form, "article": article}, status=status
    )


@desk_view
@require_GET
def article_diff(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article(request, slug)
    try:
        new = int(request.GET.get("to", article.version))
        old = int(request.GET.get("from", new - 1))
    except ValueError:
        new, old = article.version, article.version - 1
    versions = {v.number: v for v in article.versions.filter(number__in=[old, new])}
    if old not in versions or new not in versions:
        return redirect("kb:article", slug=article.slug)
    context = {
        "article": article,
        "old": versions[old],
        "new": versions[new],
        "changes": articles.diff(versions[old], versions[new]),
    }
    return render(request, "kb/article_diff.html", context)


@desk_view
@require_GET
def macro_list(request: HttpRequest) -> HttpResponse:
    found = macros.visible_macros(request.user).select_related("owner").order_by("name")
    context = {"macros": found, "can_share": is_lead(request.user)}
    return render(request, "kb/macro_list.html", context)


def _save_macro(request, form: MacroForm, macro=None):
    data = form.cleaned_data
    try:
        if macro is None:
            return macros.create_macro(
                request.user,
                name=data["name"],
                body=data["body"],
                changes=form.changes(),
                shared=data["shared"],
                team=data["team"],
            )
        return macros.update_macro(
            macro,
            request.user,
            name=data["name"],
            body=data["body"],
            changes=form.changes(),
            team=data["team"] if macro.owner_id is None else "",
        )
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, PermissionDenied):
            form.add_error(None, str(exc))
        else:
            apply_service_errors(form, exc)
        return None


@desk_view
@require_http_methods(["GET", "POST"])
def macro_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("message"):
        initial = drafts.macro_from_message(request.user, request.GET["message"])
    form = MacroForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_macro(request, form):
        return redirect("kb:macros")
    status = 422 if form.errors else 200
    return render(request, "kb/macro_form.html", {"form": form, "macro": None}, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def macro_edit(request: HttpRequest, pk: int) -> HttpResponse:
    macro = get_object_or_404(macros.visible_macros(request.user), pk=pk)
    form = MacroForm(request.POST or None, initial=MacroForm.initial_for(macro))
    if request.method == "POST" and form.is_valid() and _save_macro(request, form, macro):
        return redirect("kb:macros")
    status = 422 if form.errors else 200
    return render(request, "kb/macro_form.html", {"form": form, "macro": macro}, status=status)


@desk_view
@require_POST
def macro_delete(request: HttpRequest, pk: int) -> HttpResponse:
    macro = get_object_or_404(macros.visible_macros(request.user), pk=pk)
    macros.delete_macro(macro, request.user)
    return redirect("kb:macros")
