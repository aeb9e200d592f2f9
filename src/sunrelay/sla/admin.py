from __future__ import annotations

from django.contrib import admin

from sunrelay.sla.models import Calendar, CalendarInterval, Holiday, Policy, Target
from sunrelay.web.admin_access import LeadsOnly


class IntervalInline(admin.TabularInline):
    model = CalendarInterval
    extra = 0


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 0


@admin.register(Calendar)
class CalendarAdmin(LeadsOnly):
    list_display = ["name", "time_zone", "updated_at"]
    inlines = [IntervalInline, HolidayInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Policy)
class PolicyAdmin(LeadsOnly):
    list_display = [
        "position",
        "name",
        "active",
        "tiers",
        "priorities",
        "channels",
        "tags",
        "calendar",
    ]
    list_display_links = ["name"]
    inlines = [TargetInline]
