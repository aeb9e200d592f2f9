"""The teams' link patterns, for leads: the URL an id becomes when an agent links a log search,
an error-tracker item or a dashboard from a ticket (rules: integrations.typed_links)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.desk.models import Level
from sunrelay.integrations import access, typed_links
from sunrelay.integrations.models import LinkKind, LinkPattern
from sunrelay.web.access import desk_view


def _page(request: HttpRequest, *, status: int = 200, **extra) -> HttpResponse:
    access.check_webhooks(request.user)
    context = {
        "patterns": list(LinkPattern.objects.all()),
        "kinds": LinkKind.choices,
        "levels": Level.choices,
        "form": {},
        **extra,
    }
    return render(request, "integrations/link_patterns.html", context, status=status)


@desk_view
@require_GET
def patterns(request: HttpRequest) -> HttpResponse:
    return _page(request)


@desk_view
@require_POST
def add_pattern(request: HttpRequest) -> HttpResponse:
    access.check_webhooks(request.user)
    form = {key: request.POST.get(key, "") for key in ("name", "kind", "pattern", "level")}
    try:
        made = typed_links.add_pattern(request.user, **form)
    except ValidationError as exc:
        return _page(request, status=422, form=form, errors=exc.message_dict)
    messages.success(request, f"Link pattern {made.name} added.")
    return redirect("integrations:link_patterns")


@desk_view
@require_POST
def remove_pattern(request: HttpRequest, pk: int) -> HttpResponse:
    pattern = get_object_or_404(LinkPattern, pk=pk)
    typed_links.remove_pattern(request.user, pattern)
    messages.success(request, f"Link pattern {pattern.name} removed; links made with it stay.")
    return redirect("integrations:link_patterns")
