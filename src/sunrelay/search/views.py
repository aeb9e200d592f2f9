"""The search pages: results grouped (tickets, contacts, accounts), and the top bar's
suggestions as you type (an htmx fragment)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sunrelay.search.query import FILTERS
from sunrelay.search.service import search
from sunrelay.web.access import desk_view

SUGGESTIONS = 5


@desk_view
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    found = search(request.user, text)
    status = 422 if found.error else 200
    context = {"results": found, "q": found.text, "filters": FILTERS.items()}
    return render(request, "search/results.html", context, status=status)


@desk_view
@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    found = search(request.user, request.GET.get("q", ""), limit=SUGGESTIONS)
    return render(request, "search/_suggestions.html", {"results": found, "q": found.text})
