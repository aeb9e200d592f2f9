"""The feedback pages that read: themes ranked, a theme, the items, the suggestions, the
exports and the share page. Who sees what is feedback.access."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sunrelay.feedback import access, exports, notices, ranking, shares, suggestions, trends
from sunrelay.feedback.forms import (
    CaptureForm,
    ImportForm,
    LinkForm,
    NoticeForm,
    StatusForm,
    ThemeForm,
)
from sunrelay.feedback.models import NoticeState, ShareLink, ShippedNotice, Suggestion
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view

PAGE_SIZE = 50


@desk_view
@require_GET
def themes(request: HttpRequest) -> HttpResponse:
    user, now = request.user, timezone.now()
    links = ShareLink.objects.filter(revoked_at__isnull=True) if is_lead(user) else []
    return render(
        request,
        "feedback/themes.html",
        {
            "rows": ranking.rank(user, now),
            "tags": trends.growing_tags(user, now),
            "words": trends.growing_words(user, now),
            "may_curate": access.curates(user),
            "is_lead": is_lead(user),
            "links": links,
            "pending": Suggestion.objects.filter(state="pending").count(),
            "theme_form": ThemeForm(),
        },
    )


def theme_context(request: HttpRequest, pk: int, **extra) -> dict:
    user = request.user
    theme = get_object_or_404(access.visible_themes(user).select_related("product_area"), pk=pk)
    (row,) = ranking.rank(user, timezone.now(), themes=access.visible_themes(user).filter(pk=pk))
    notice = ShippedNotice.objects.filter(theme=theme).first()
    recipients = notices.recipients(theme) if notice and is_lead(user) else []
    return {
        "theme": theme,
        "row": row,
        "items": access.visible_items(user)
        .filter(theme=theme)
        .select_related("account", "contact", "ticket")[:200],
        "may_curate": access.curates(user),
        "status_form": StatusForm(initial={"status": theme.status}),
        "notice": notice,
        "notice_open": notice is not None and notice.state == NoticeState.DRAFT and is_lead(user),
        "notice_form": extra.pop(
            "notice_form",
            NoticeForm(initial={"subject": notice.subject, "body": notice.body})
            if notice
            else None,
        ),
        "recipients": recipients,
        "placeholders": notices.PLACEHOLDERS,
        **extra,
    }


@desk_view
@require_GET
def theme(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "feedback/theme.html", theme_context(request, pk))


def items_context(request: HttpRequest, **extra) -> dict:
    found = access.visible_items(request.user).select_related(
        "account", "contact", "theme", "ticket"
    )
    if request.GET.get("unthemed") == "1":
        found = found.filter(theme__isnull=True)
    return {
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "may_curate": access.curates(request.user),
        "capture_form": extra.pop("capture_form", CaptureForm()),
        "import_form": extra.pop("import_form", ImportForm()),
        "link_form": LinkForm(),
        **extra,
    }


@desk_view
@require_GET
def items(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/items.html", items_context(request))


@desk_view
@require_GET
def suggestion_list(request: HttpRequest) -> HttpResponse:
    access.check_curate(request.user)
    return render(
        request,
        "feedback/suggestions.html",
        {"suggestions": suggestions.pending().order_by("theme", "proposed_name", "-similarity")},
    )


@desk_view
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = ranking.rank(request.user, timezone.now())
    if fmt == "json":
        body = json.dumps({"themes": exports.as_dicts(rows)}, indent=2)
        response = HttpResponse(body, content_type="application/json")
    elif fmt == "csv":
        response = HttpResponse(exports.as_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("Export as csv or json.")
    response["Content-Disposition"] = f'attachment; filename="feedback-themes.{fmt}"'
    return response


@require_GET
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only themes page for product; no log-in, the token is the credential."""
    link = shares.find(token)
    if link is None:
        raise Http404("This link was revoked or never existed.")
    rows = ranking.rank(link.created_by, timezone.now())
    return render(request, "feedback/shared.html", {"rows": rows})
