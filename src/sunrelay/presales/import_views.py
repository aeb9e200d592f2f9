"""The CRM import page: a CSV export, its column mapping, a dry run first
(presales.crm_import decides everything)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from sunrelay.lib import csv_import
from sunrelay.presales import access, crm_import
from sunrelay.presales.forms import CrmImportForm
from sunrelay.web.access import desk_view


@desk_view
@require_http_methods(["GET", "POST"])
def crm_import_page(request: HttpRequest) -> HttpResponse:
    access.check_may_sell(request.user)
    form = CrmImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            mapping = crm_import.parse_mapping(form.cleaned_data["mapping"])
            text = csv_import.read_upload(upload)
            report = crm_import.import_csv(
                request.user, text, mapping, dry_run=form.cleaned_data["dry_run"]
            )
        except ValueError as exc:
            form.add_error("mapping", str(exc))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
    context = {"form": form, "report": report, "defaults": crm_import.DEFAULT_MAPPING}
    return render(request, "presales/crm_import.html", context, status=422 if form.errors else 200)
