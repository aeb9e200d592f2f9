"""Settings pages of business calendars and SLA policies. Everyone with a role reads them;
support leads change them, each write one call to sla.setup (errors in place, 422)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunrelay.lib.forms import WeekForm, apply_service_errors
from sunrelay.lib.weekly import WEEKDAY_NAMES, format_day
from sunrelay.sla import setup
from sunrelay.sla.clock import Metric
from sunrelay.sla.models import Calendar, Holiday, Policy, Target
from sunrelay.sla.settings_forms import (
    METRIC_LABELS,
    CalendarForm,
    HolidayFileForm,
    HolidayForm,
    PolicyForm,
    minutes_text,
)
from sunrelay.web.access import desk_view

TARGET_ALIASES = {m.value: f"{m.value}_time" for m in Metric} | {"warn_share": "warn_percent"}


def _week_lines(intervals) -> list[tuple[str, str]]:
    days: dict[int, list] = {}
    for row in intervals:
        days.setdefault(row.weekday, []).append((row.start, row.end))
    return [(name, format_day(sorted(days.get(d, [])))) for d, name in enumerate(WEEKDAY_NAMES)]


@desk_view
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    calendars = Calendar.objects.prefetch_related("intervals").annotate(
        holiday_count=Count("holidays", distinct=True),
        account_count=Count("accounts", distinct=True),
    )
    policies = Policy.objects.select_related("calendar").prefetch_related(
        Prefetch("targets", Target.objects.order_by("id"))
    )
    context = {
        "calendars": [(c, _week_lines(c.intervals.all())) for c in calendars],
        "policies": [
            (
                p,
                [
                    (METRIC_LABELS[Metric(t.metric)], minutes_text(t.minutes), t.business)
                    for t in p.targets.all()
                ],
            )
            for p in policies.order_by("position", "id")
        ],
        "can_configure": setup.can_configure(request.user),
    }
    return render(request, "sla/settings.html", context)


def _calendar_initial(calendar: Calendar | None) -> dict:
    if calendar is None:
        return {"time_zone": "UTC"}
    return {
        "name": calendar.name,
        "time_zone": calendar.time_zone,
        **WeekForm.initial_week(calendar.intervals.all()),
    }


def _calendar_page(request, calendar, form, status=200, **forms) -> HttpResponse:
    context = {
        "calendar": calendar,
        "form": form,
        "holidays": list(calendar.holidays.all()) if calendar else [],
        "holiday_form": forms.get("holiday_form") or HolidayForm(),
        "file_form": forms.get("file_form") or HolidayFileForm(),
    }
    return render(request, "sla/calendar_form.html", context, status=status)


@desk_view
@require_http_methods(["GET", "POST"])
def calendar_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    setup.check_can_configure(request.user)
    calendar = get_object_or_404(Calendar, pk=pk) if pk else None
    form = CalendarForm(request.POST or None, initial=_calendar_initial(calendar))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = setup.save_calendar(
                request.user,
                calendar,
                name=data["name"],
                time_zone=data["time_zone"],
                week=form.week(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, f"Calendar {saved.name} saved: open tickets' deadlines follow."
            )
            return redirect("sla_settings:calendar", pk=saved.pk)
    return _calendar_page(request, calendar, form, status=422 if form.errors else 200)


def _calendar_form(calendar: Calendar) -> CalendarForm:
    return CalendarForm(initial=_calendar_initial(calendar))


@desk_view
@require_POST
def holiday_add(request: HttpRequest, pk: int) -> HttpResponse:
    setup.check_can_configure(request.user)
    calendar = get_object_or_404(Calendar, pk=pk)
    form = HolidayForm(request.POST)
    if form.is_valid():
        try:
            setup.add_holiday(request.user, calendar, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _calendar_page(request, calendar, _calendar_form(calendar), 422, holiday_form=form)
    messages.success(request, "Holiday added.")
    return redirect("sla_settings:calendar", pk=calendar.pk)


@desk_view
@require_POST
def holiday_remove(request: HttpRequest, pk: int, holiday_pk: int) -> HttpResponse:
    holiday = get_object_or_404(Holiday, pk=holiday_pk, calendar_id=pk)
    setup.remove_holiday(request.user, holiday)
    messages.success(request, f"Holiday of {holiday.date:%d %b %Y} removed.")
    return redirect("sla_settings:calendar", pk=pk)


@desk_view
@require_POST
def holidays_import(request: HttpRequest, pk: int) -> HttpResponse:
    setup.check_can_configure(request.user)
    calendar = get_object_or_404(Calendar, pk=pk)
    form = HolidayFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added, there = setup.import_holidays(
                request.user, calendar, form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _calendar_page(request, calendar, _calendar_form(calendar), 422, file_form=form)
    messages.success(request, f"Imported {added} holidays ({there} were there already).")
    return redirect("sla_settings:calendar", pk=calendar.pk)


@desk_view
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    setup.check_can_configure(request.user)
    policy = get_object_or_404(Policy, pk=pk) if pk else None
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(policy))
    if request.method == "POST" and form.is_valid():
        try:
            saved = setup.save_policy(request.user, policy, **form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases=TARGET_ALIASES)
        else:
            messages.success(request, f"Policy {saved.name} saved: open tickets' deadlines follow.")
            return redirect("sla_settings:overview")
    status = 422 if form.errors else 200
    return render(request, "sla/policy_form.html", {"form": form, "policy": policy}, status=status)


@desk_view
@require_POST
def policy_move(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(Policy, pk=pk)
    setup.move_policy(request.user, policy, -1 if request.POST.get("direction") == "up" else 1)
    return redirect("sla_settings:overview")
