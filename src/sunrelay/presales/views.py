"""The pre-sales pages that read: the list, an opportunity, the capacity view and the
account page's panel. Who sees what is presales.access."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sunrelay.accounts.permissions import visible_accounts
from sunrelay.presales import access, qualification
from sunrelay.presales.capacity import capacities
from sunrelay.presales.forms import (
    AssignForm,
    CloseForm,
    EngagementForm,
    FeedbackForm,
    TechnicalForm,
    ThresholdForm,
)
from sunrelay.presales.history import support_history
from sunrelay.presales.models import CLOSED_STAGES, PresalesSettings
from sunrelay.web.access import desk_view

PAGE_SIZE = 50


def _listed(user):
    return (
        access.visible_opportunities(user)
        .select_related("account", "ae", "se")
        .prefetch_related(qualification.PREFETCH)
    )


@desk_view
@require_GET
def opportunity_list(request: HttpRequest) -> HttpResponse:
    found = _listed(request.user)
    if request.GET.get("closed") != "1":
        found = found.exclude(stage__in=CLOSED_STAGES)
    page = Paginator(found.order_by("close_date", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "presales/opportunity_list.html",
        {"page": page, "may_manage": access.manages(request.user)},
    )


def opportunity_context(request: HttpRequest, opportunity, **extra) -> dict:
    user = request.user
    requests = list(opportunity.se_requests.select_related("requested_by"))
    engagements = list(opportunity.engagements.prefetch_related("feedback__author"))
    may_open = access.may_open(user, opportunity.account)
    feedback_way = None
    if user.pk in (opportunity.ae_id, opportunity.se_id):
        feedback_way = access.feedback_direction(user, opportunity)
    for engagement in engagements:
        engagement.given = {f.direction for f in engagement.feedback.all()}
    return {
        "opportunity": opportunity,
        "checklist": qualification.checklist(opportunity),
        "missing": qualification.missing(opportunity),
        "requests": requests,
        "assignments": list(opportunity.assignments.select_related("se", "assigned_by")),
        "changes": list(opportunity.changes.select_related("actor")),
        "engagements": engagements,
        "history": support_history(opportunity.account, timezone.now()),
        "may_open": may_open and not opportunity.is_closed,
        "may_manage": access.manages(user) and not opportunity.is_closed,
        "may_assign": access.assigns(user) and not opportunity.is_closed,
        "feedback_way": feedback_way,
        "engagement_form": extra.pop("engagement_form", EngagementForm()),
        "feedback_form": FeedbackForm(),
        "technical_form": extra.pop("technical_form", TechnicalForm()),
        "close_form": extra.pop("close_form", CloseForm()),
        **extra,
    }


@desk_view
@require_GET
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(_listed(request.user), pk=pk)
    return render(
        request, "presales/opportunity_detail.html", opportunity_context(request, opportunity)
    )


def assign_context(request: HttpRequest, opportunity, form=None, threshold_form=None) -> dict:
    rows = capacities(timezone.localdate())
    return {
        "opportunity": opportunity,
        "rows": rows,
        "form": form or AssignForm(),
        "threshold_form": threshold_form
        or ThresholdForm(
            initial={"overload_threshold": PresalesSettings.current().overload_threshold}
        ),
        "missing": qualification.missing(opportunity),
    }


@desk_view
@require_GET
def account_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The account page's read-only list of the account's opportunities."""
    account = get_object_or_404(visible_accounts(request.user), pk=pk)
    found = _listed(request.user).filter(account=account).order_by("-created_at")
    return render(
        request, "presales/_account_panel.html", {"account": account, "opportunities": found}
    )
