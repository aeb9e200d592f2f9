"""Customer health's pages: the at-risk list with the open tasks, an account's health,
the scorecards, the telemetry import. Each write is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.health import access, alerts, csv_import, scores, summary
from sunrelay.health.forms import TelemetryUploadForm
from sunrelay.health.models import AlertRule, Scorecard
from sunrelay.web.access import desk_view


@desk_view
@require_GET
def at_risk(request: HttpRequest) -> HttpResponse:
    context = {
        "risk": summary.at_risk(request.user),
        "tasks": summary.open_tasks(request.user),
        "can_feed": access.can_feed(request.user),
    }
    return render(request, "health/at_risk.html", context)


@desk_view
@require_GET
def account(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.health_accounts(request.user), pk=pk)
    context = {
        "account": row,
        "health": summary.of_account(request.user, row),
        "can_feed": access.can_feed(request.user),
    }
    return render(request, "health/account.html", context)


@desk_view
@require_POST
def rescore(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.health_accounts(request.user), pk=pk)
    access.check_can_feed(request.user)
    scores.score_account(row, timezone.now().date())
    messages.success(request, "Scored again with today's figures.")
    return redirect("health:account", pk=row.pk)


@desk_view
@require_POST
def alert_done(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(access.visible_alerts(request.user), pk=pk)
    access.check_can_close(request.user, alert)
    alerts.mark_done(alert, request.user)
    messages.success(request, "Task done.")
    return redirect("health:account", pk=alert.account_id)


@desk_view
@require_GET
def scorecards(request: HttpRequest) -> HttpResponse:
    cards = Scorecard.objects.prefetch_related("measures")
    lead = access.can_set_up(request.user)
    # Leads see the rules switched off too, to switch them on again.
    rules = AlertRule.objects.all() if lead else AlertRule.objects.filter(active=True)
    context = {"cards": cards, "is_lead": lead, "rules": rules}
    return render(request, "health/scorecards.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def telemetry_import(request: HttpRequest) -> HttpResponse:
    access.check_can_feed(request.user)
    form = TelemetryUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = csv_import.read(form.cleaned_data["file"])
        if report.problem and not report.created:
            form.add_error("file", report.problem)
    status = 422 if form.errors else 200
    context = {"form": form, "report": report}
    return render(request, "health/import.html", context, status=status)
