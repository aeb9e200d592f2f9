"""The lead's CRM import page: a CSV export of accounts or contacts, its column mapping, a dry
run first (integrations.crm_accounts decides everything; opportunities have theirs under
Opportunities)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from sunrelay.integrations import access, crm_accounts
from sunrelay.integrations.models import CrmKind
from sunrelay.lib import csv_import
from sunrelay.web.access import desk_view


class CrmImportForm(forms.Form):
    kind = forms.ChoiceField(choices=CrmKind.choices, label="What the file holds")
    file = forms.FileField(label="The CRM's CSV export", help_text="UTF-8, a header line first")
    mapping = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Column mapping",
        help_text="Only where your columns differ, e.g. name=Company, tier=Plan",
    )
    dry_run = forms.BooleanField(required=False, initial=True, label="Dry run: write nothing")


@desk_view
@require_http_methods(["GET", "POST"])
def crm_import_page(request: HttpRequest) -> HttpResponse:
    access.check_crm_import(request.user)
    form = CrmImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            mapping = crm_accounts.parse_mapping(kind, form.cleaned_data["mapping"])
            text = csv_import.read_upload(form.cleaned_data["file"])
            report = crm_accounts.import_csv(
                request.user, kind, text, mapping, dry_run=form.cleaned_data["dry_run"]
            )
        except ValueError as exc:
            form.add_error("mapping", str(exc))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
    context = {"form": form, "report": report, "mappings": crm_accounts.MAPPINGS.items()}
    status = 422 if form.errors else 200
    return render(request, "integrations/crm_import.html", context, status=status)
