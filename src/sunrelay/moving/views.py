"""The import runs page (leads): every `sunrelay import` run, its counts and what it could
not map; a run's page shows its whole not-mapped report."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sunrelay.moving.access import check_imports
from sunrelay.moving.models import ImportRun, SourceRecord
from sunrelay.web.access import desk_view

PER_PAGE = 50


@desk_view
def runs(request: HttpRequest) -> HttpResponse:
    check_imports(request.user)
    paginator = Paginator(ImportRun.objects.all(), PER_PAGE)
    context = {
        "page": paginator.get_page(request.GET.get("page")),
        "records": SourceRecord.objects.count(),
    }
    return render(request, "moving/runs.html", context)


@desk_view
def run(request: HttpRequest, pk: int) -> HttpResponse:
    check_imports(request.user)
    return render(request, "moving/run.html", {"run": get_object_or_404(ImportRun, pk=pk)})
