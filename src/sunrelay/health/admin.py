"""Scorecards, their measures and the alert rules in the admin, for leads; the desk's
set-up pages (health/setup_views.py) do the same without it."""

from __future__ import annotations

from django.contrib import admin

from sunrelay.health.models import AlertRule, Measure, Scorecard
from sunrelay.team.roles import is_lead
from sunrelay.web.admin_access import LeadsOnly


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = (
        "position", "label", "source", "metric", "window_days", "zero_at", "full_at", "weight",
    )  # fmt: skip

    def has_view_permission(self, request, obj=None):
        return is_lead(request.user)

    def has_add_permission(self, request, obj=None):
        return is_lead(request.user)

    def has_change_permission(self, request, obj=None):
        return is_lead(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_lead(request.user)


@admin.register(Scorecard)
class ScorecardAdmin(LeadsOnly):
    list_display = ("name", "active", "yellow_from", "green_from")
    inlines = [MeasureInline]


@admin.register(AlertRule)
class AlertRuleAdmin(LeadsOnly):
    list_display = ("__str__", "kind", "threshold", "days", "active")
