"""The Q&A settings page (support leads): the sources the worker imports, and which site
accounts are our own people."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sunrelay.qa import drains, services
from sunrelay.qa.forms import SourceForm, StaffAccountForm
from sunrelay.qa.models import QaSource, SiteUser
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view


def _lead(request: HttpRequest) -> None:
    if not is_lead(request.user):
        raise PermissionDenied("The Q&A settings are for support leads.")


def _page(request, source_form=None, staff_form=None, status=200) -> HttpResponse:
    context = {
        "sources": QaSource.objects.all(),
        "staff_accounts": SiteUser.objects.filter(staff__isnull=False).select_related("staff"),
        "source_form": source_form or SourceForm(),
        "staff_form": staff_form or StaffAccountForm(),
        "interval_minutes": round(drains.interval() / 60),
    }
    return render(request, "qa/settings.html", context, status=status)


@desk_view
def settings_page(request: HttpRequest) -> HttpResponse:
    _lead(request)
    return _page(request)


@desk_view
@require_POST
def add_source(request: HttpRequest) -> HttpResponse:
    _lead(request)
    form = SourceForm(request.POST)
    if not form.is_valid():
        return _page(request, source_form=form, status=422)
    form.save()
    messages.success(request, f"Added {form.instance}: the worker imports it within a minute.")
    return redirect("qa:settings")


@desk_view
@require_POST
def source_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _lead(request)
    source = get_object_or_404(QaSource, pk=pk)
    if action not in services.SOURCE_ACTIONS:
        raise Http404("No such action.")
    messages.success(request, services.act_on_source(source, action))
    return redirect("qa:settings")


@desk_view
@require_POST
def add_staff_account(request: HttpRequest) -> HttpResponse:
    _lead(request)
    form = StaffAccountForm(request.POST)
    if not form.is_valid():
        return _page(request, staff_form=form, status=422)
    data = form.cleaned_data
    services.map_staff(data["site"].strip(), data["user_id"], data["staff"])
    messages.success(request, "Saved: their answers on the site come in as public replies.")
    return redirect("qa:settings")


@desk_view
@require_POST
def remove_staff_account(request: HttpRequest, pk: int) -> HttpResponse:
    _lead(request)
    services.map_staff_off(get_object_or_404(SiteUser, pk=pk))
    messages.success(request, "Removed: their later posts come in as a customer's.")
    return redirect("qa:settings")
