"""The pre-sales pages that write. Each write is one call to presales.services or
presales.engagements; refused input comes back with its errors in place (422), a refusal of
who may as 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sunrelay.accounts.permissions import visible_accounts
from sunrelay.lib.forms import apply_service_errors
from sunrelay.presales import access, editing, engagements, qualification, services
from sunrelay.presales.forms import (
    AssignForm,
    CloseForm,
    EngagementForm,
    FeedbackForm,
    OpportunityEditForm,
    OpportunityForm,
    SeRequestForm,
    TechnicalForm,
    ThresholdForm,
)
from sunrelay.presales.models import Engagement
from sunrelay.presales.views import assign_context, opportunity_context
from sunrelay.web.access import desk_view


def _opportunity(request: HttpRequest, pk: int):
    return get_object_or_404(
        access.visible_opportunities(request.user).select_related("account", "ae", "se"), pk=pk
    )


def _back(opportunity) -> HttpResponse:
    return redirect("presales:opportunity", pk=opportunity.pk)


def _again(request, opportunity, **forms) -> HttpResponse:
    context = opportunity_context(request, opportunity, **forms)
    return render(request, "presales/opportunity_detail.html", context, status=422)


@desk_view
@require_http_methods(["GET", "POST"])
def opportunity_new(request: HttpRequest) -> HttpResponse:
    access.check_may_sell(request.user)
    accounts = visible_accounts(request.user).order_by("name")
    if not access.manages(request.user):
        accounts = accounts.filter(ae=request.user)
    form = OpportunityForm(
        request.POST or None, accounts=accounts, initial={"account": request.GET.get("account")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.create_opportunity(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Opportunity {opportunity.name} created.")
            return _back(opportunity)
    status = 422 if form.errors else 200
    return render(request, "presales/opportunity_form.html", {"form": form}, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_open(request.user, opportunity.account)
    initial = {field: getattr(opportunity, field) for field in editing.EDITABLE}
    initial["product_areas"] = list(opportunity.product_areas.all())
    form = OpportunityEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_opportunity(request.user, opportunity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return _back(opportunity)
    status = 422 if form.errors else 200
    context = {"form": form, "opportunity": opportunity}
    return render(request, "presales/opportunity_edit.html", context, status=status)


@desk_view
@require_POST
def unconfirm(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    try:
        editing.unconfirm(request.user, opportunity, request.POST.get("item", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(opportunity)


@desk_view
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    try:
        services.confirm(request.user, opportunity, request.POST.get("item", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(opportunity)


@desk_view
@require_http_methods(["GET", "POST"])
def se_request(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_open(request.user, opportunity.account)
    form = SeRequestForm(request.POST or None)
    missing = qualification.missing(opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_se(request.user, opportunity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Your request is with the SE lead.")
            return _back(opportunity)
    context = {
        "opportunity": opportunity,
        "form": form,
        "gate": qualification.gate_message(missing) if missing else "",
    }
    status = 422 if form.errors else 200
    return render(request, "presales/request_form.html", context, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_assign(request.user)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.assign(request.user, opportunity, form.cleaned_data["se"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if made.warning:
                messages.warning(request, made.warning)
            messages.success(request, f"{made.se.get_full_name() or made.se} owns it now.")
            return _back(opportunity)
    status = 422 if form.errors else 200
    context = assign_context(request, opportunity, form=form)
    return render(request, "presales/assign.html", context, status=status)


@desk_view
@require_POST
def threshold(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_assign(request.user)
    form = ThresholdForm(request.POST)
    if form.is_valid():
        services.set_overload_threshold(request.user, form.cleaned_data["overload_threshold"])
        return redirect("presales:assign", pk=opportunity.pk)
    context = assign_context(request, opportunity, threshold_form=form)
    return render(request, "presales/assign.html", context, status=422)


@desk_view
@require_POST
def engagement_new(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_open(request.user, opportunity.account)
    form = EngagementForm(request.POST)
    if form.is_valid():
        try:
            engagements.log_engagement(request.user, opportunity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _back(opportunity)
    return _again(request, opportunity, engagement_form=form)


@desk_view
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    visible = access.visible_opportunities(request.user)
    engagement = get_object_or_404(
        Engagement.objects.filter(opportunity__in=visible).select_related("opportunity"), pk=pk
    )
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            engagements.give_feedback(request.user, engagement, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "Say what worked.")
    return _back(engagement.opportunity)


@desk_view
@require_POST
def technical(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_manage(request.user)
    form = TechnicalForm(request.POST)
    if form.is_valid():
        try:
            services.record_technical_result(request.user, opportunity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _back(opportunity)
    return _again(request, opportunity, technical_form=form)


@desk_view
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    access.check_open(request.user, opportunity.account)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close(request.user, opportunity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _back(opportunity)
    return _again(request, opportunity, close_form=form)
