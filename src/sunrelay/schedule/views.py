"""Follow-the-sun pages of the workspace: on shift now, the weekly coverage map, hand-offs.
Read-only; anyone with a role may look (hand-offs only of the tickets they may see)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import Level
from sunrelay.lib.formatting import utc_offset
from sunrelay.lib.forms import BoundedDateField
from sunrelay.lib.timezones import known_time_zones
from sunrelay.schedule import queries
from sunrelay.schedule.coverage import iso_week, week_start
from sunrelay.schedule.roster import load_people
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view

ROLE_LABELS = dict(Role.choices)
TIER_LABELS = dict(Tier.choices)
LEVEL_LABELS = dict(Level.choices)
LEVEL_SHORT = {Level.L1: "L1", Level.L2: "L2", Level.ENGINEERING: "Eng"}
PAGE_SIZE = 50


class ShiftFilterForm(forms.Form):
    role = forms.ChoiceField(required=False, choices=[("", "Any role"), *Role.choices])
    level = forms.ChoiceField(required=False, choices=[("", "Any level"), *Level.choices])

    def usable(self) -> dict:
        self.is_valid()
        return {k: v or None for k, v in self.cleaned_data.items() if k not in self.errors}


class CoverageForm(ShiftFilterForm):
    week = forms.RegexField(
        required=False,
        regex=r"^\d{4}-W\d{2}$",
        error_messages={"invalid": "Pick a week like 2026-W48."},
        widget=forms.TextInput(attrs={"type": "week"}),
    )

    def clean_week(self):
        value = self.cleaned_data["week"]
        if value:
            try:
                week_start(value)
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from None
        return value


def _labels(person) -> tuple[str, str]:
    roles = ", ".join(ROLE_LABELS.get(r, r) for r in sorted(person.roles))
    levels = " · ".join(LEVEL_SHORT.get(v, v) for v in Level.values if v in person.levels)
    return roles, levels


@desk_view
@require_GET
def on_shift(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = ShiftFilterForm(request.GET)
    filters = form.usable()
    people = load_people(now.date())
    regions = queries.regions_now(people, now, filters.get("role"), filters.get("level"))
    labels = {p.id: _labels(p) for p in people}
    viewer = request.user.pk
    away = [
        {"person": p, "time_off": t, "show_reason": is_lead(request.user) or p.id == viewer}
        for p, t in queries.away_on(people, now)
    ]
    return render(
        request,
        "schedule/on_shift.html",
        {
            "here": "shifts",
            "form": form,
            "now": now,
            "regions": regions,
            "labels": labels,
            "on_shift_count": sum(len(r.on_shift) for r in regions),
            "people_count": sum(len(r.on_shift) + len(r.off_shift) for r in regions),
            "away": away,
            "filtered": any(filters.values()),
        },
    )


def _hour_title(hour, regions) -> str:
    start, end = hour.start, hour.start + timedelta(hours=1)
    parts = [f"{start:%a} {start.day} {start:%b %H:%M}–{end:%H:%M} UTC"]
    for region, cell in zip(regions, hour.regions, strict=True):
        names = ", ".join(
            s.person.name.split()[0] + ("" if s.minutes >= 60 else f" ({s.minutes} min)")
            for s in cell.people
        )
        parts.append(f"{region.label} {cell.local_start:%H:%M}: {names or 'nobody'}")
    if hour.exposed_clocks:
        parts.append("SLA clock runs with nobody on shift: " + "; ".join(hour.exposed_clocks))
    elif hour.covered_minutes < 60:
        parts.append(f"{60 - hour.covered_minutes} min with nobody on shift")
    return "\n".join(parts)


def _offsets(region, start, end) -> str:
    """The region's offset from UTC over the week: "UTC+1", or "UTC+2 → UTC+1" across DST."""
    zone = ZoneInfo(region.zone)
    first = utc_offset(start.astimezone(zone))
    last = utc_offset((end - timedelta(seconds=1)).astimezone(zone))
    return first if first == last else f"{first} → {last}"


@desk_view
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = CoverageForm(request.GET)
    filters = form.usable()
    week = filters.get("week") or iso_week(now)
    start = week_start(week)
    cw = queries.coverage_week(start, filters.get("role"), filters.get("level"))
    days = []
    for hours in cw.days():
        # Strings made here: a template's date filter would show them in the viewer's zone.
        cells = [
            {
                "hour": h,
                "title": _hour_title(h, cw.regions),
                "utc": f"{h.start:%H:%M}",
                "exposed_tiers": ", ".join(TIER_LABELS.get(t, t) for t in h.exposed_tiers),
                "regions": [
                    {"local": f"{r.local_start:%H:%M}", "people": r.people} for r in h.regions
                ],
            }
            for h in hours
        ]
        day = hours[0].start
        days.append(
            {
                "label": f"{day:%a} {day.day} {day:%b}",
                "long_label": f"{day:%A} {day.day} {day:%B}",
                "cells": cells,
                "exposed": sum(h.state == "exposed" for h in hours),
                "uncovered": sum(h.covered_minutes < 60 for h in hours),
            }
        )
    exposed = [h for h in cw.hours if h.state == "exposed"]
    return render(
        request,
        "schedule/coverage.html",
        {
            "here": "coverage",
            "form": form,
            "week": week,
            "start": start,
            "end": cw.end - timedelta(seconds=1),
            "previous_week": iso_week(start - timedelta(days=7)),
            "next_week": iso_week(start + timedelta(days=7)),
            "this_week": iso_week(now),
            "regions": [
                {"region": r, "offsets": _offsets(r, cw.start, cw.end)} for r in cw.regions
            ],
            "days": days,
            "hours_total": len(cw.hours),
            "uncovered": sum(h.covered_minutes < 60 for h in cw.hours),
            "nobody": sum(h.covered_minutes == 0 for h in cw.hours),
            "exposed": len(exposed),
            "exposed_tiers": [
                TIER_LABELS.get(t, t) for t in sorted({t for h in exposed for t in h.exposed_tiers})
            ],
            "utc_hours": range(24),
        },
    )


def _preview(handoff) -> str:
    """The note's first words worth reading: a generated note opens with who handed what to
    whom when, which the row already shows."""
    lines = [line for line in handoff.note.splitlines() if line.strip()]
    if handoff.generated and len(lines) > 1:
        lines = lines[1:]
    return " ".join(lines)


class HandoffFilterForm(forms.Form):
    after = BoundedDateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    before = BoundedDateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    region = forms.ChoiceField(required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = {zone: f"{' · '.join(cities) or zone} ({zone})" for zone, cities in regions}
        # A region nobody works in any more still has its hand-offs.
        asked = self.data.get("region", "")
        if asked in known_time_zones() and asked not in choices:
            choices[asked] = asked
        self.fields["region"].choices = [("", "Any region"), *choices.items()]

    def clean(self):
        data = super().clean()
        if data.get("after") and data.get("before") and data["before"] < data["after"]:
            self.add_error("before", "The last day cannot be before the first.")
        return data


@desk_view
@require_GET
def handoffs(request: HttpRequest) -> HttpResponse:
    regions = queries.staff_regions()
    form = HandoffFilterForm(request.GET, regions=regions.items())
    form.is_valid()
    filters = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    after, before = queries.local_day_bounds(
        filters.get("after"), filters.get("before"), timezone.get_current_timezone_name()
    )
    rows = queries.filter_handoffs(
        queries.handoffs_for(request.user),
        after=after,
        before=before,
        region=filters.get("region") or None,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))

    def place(user, zone: str) -> str:
        """The person's own city when known, else the region's cities."""
        profile = getattr(user, "staff_profile", None) if user else None
        if profile is not None and profile.location and profile.time_zone == zone:
            return profile.location
        return " · ".join(regions.get(zone, ())) or zone.rsplit("/", 1)[-1].replace("_", " ")

    items = [
        {
            "h": h,
            "from_place": place(h.from_user, h.from_region),
            "to_place": place(h.to_user, h.to_region),
            "preview": _preview(h),
        }
        for h in page
    ]
    return render(
        request,
        "schedule/handoffs.html",
        {
            "here": "handoffs",
            "form": form,
            "page": page,
            "items": items,
            "filtered": any(v for v in filters.values()),
            "now": timezone.now(),
        },
    )
