"""The hours report pages: the month's hours by person, project, account or week (page and
CSV), and the lead's monthly budgets of accounts. projects.hours computes; these render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sunrelay.accounts.models import Account
from sunrelay.lib import bounds
from sunrelay.lib.csvsafe import as_csv
from sunrelay.projects import access, rollup, services
from sunrelay.projects.forms import BudgetForm
from sunrelay.projects.hours import CSV_HEADER, csv_rows, hours_report, parse_month
from sunrelay.projects.models import AccountBudget
from sunrelay.web.access import desk_view


def _report(request: HttpRequest):
    access.check_reports(request.user)
    by = request.GET.get("by", "person")
    by = by if by in rollup.BY else "person"
    month = parse_month(request.GET.get("month"), timezone.localdate())
    return hours_report(access.visible_entries(request.user), by, month)


@desk_view
@require_GET
def hours(request: HttpRequest) -> HttpResponse:
    report = _report(request)
    context = {
        "report": report,
        "choices": rollup.BY,
        "previous": rollup.previous_month(report.month),
        "next": rollup.month_span(report.month)[1],
        "may_lead": access.leads(request.user),
        "budgets": AccountBudget.objects.select_related("account").order_by("account__name"),
        "accounts": Account.objects.order_by("name").only("pk", "name"),
    }
    return render(request, "projects/hours.html", context)


@desk_view
@require_GET
def hours_csv(request: HttpRequest) -> HttpResponse:
    report = _report(request)
    response = HttpResponse(
        as_csv(CSV_HEADER, csv_rows(report)), content_type="text/csv; charset=utf-8"
    )
    name = f"sunrelay-hours-{report.month:%Y-%m}-by-{report.by}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@desk_view
@require_POST
def account_budget(request: HttpRequest) -> HttpResponse:
    access.check_lead(request.user)
    given = request.POST.get("account", "")
    pk = int(given) if given.isdigit() and int(given) <= bounds.MAX_ID else 0
    account = Account.objects.filter(pk=pk).first()
    form = BudgetForm(request.POST)
    if account is None:
        messages.error(request, "Pick the account the budget is for.")
    elif form.is_valid():
        services.set_account_budget(request.user, account, form.total())
        messages.success(request, f"Monthly budget of {account.name} saved.")
    else:
        messages.error(request, "Give the budget in whole hours and minutes (0 to 59).")
    return redirect(f"{reverse('projects:hours')}?by=account")
