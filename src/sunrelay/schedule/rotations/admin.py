"""Leads set up rotations and their layers in the admin (everyone sees them on the desk's
rotation pages); overrides are added on the rotation page, where schedule.overrides checks
them, and only listed here."""

from __future__ import annotations

from django.contrib import admin

from sunrelay.schedule.rotations.models import (
    CalendarFeed,
    Layer,
    Override,
    Participant,
    Restriction,
    Rotation,
)
from sunrelay.web.admin_access import LeadsOnly


class LayerInline(admin.TabularInline):
    model = Layer
    extra = 0
    show_change_link = True  # participants and restrictions are on the layer's own page
    fields = [
        "position",
        "name",
        "time_zone",
        "shift_length",
        "shift_unit",
        "handoff_weekday",
        "handoff_time",
        "starts_on",
        "ends_at",
    ]


@admin.register(Rotation)
class RotationAdmin(LeadsOnly):
    list_display = ["name", "time_zone", "level", "created_at"]
    inlines = [LayerInline]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    ordering = ["position", "id"]
    autocomplete_fields = ["user"]


class RestrictionInline(admin.TabularInline):
    model = Restriction
    extra = 0


@admin.register(Layer)
class LayerAdmin(LeadsOnly):
    list_display = ["rotation", "position", "__str__", "shift_length", "shift_unit", "starts_on"]
    list_filter = ["rotation"]
    inlines = [ParticipantInline, RestrictionInline]


@admin.register(Override)
class OverrideAdmin(LeadsOnly):
    list_display = ["rotation", "user", "starts_at", "ends_at", "reason", "created_by"]
    list_filter = ["rotation"]
    readonly_fields = ["rotation", "user", "starts_at", "ends_at", "reason", "created_by"]

    def has_add_permission(self, request):
        return False  # on the rotation page, where the override rules are checked


@admin.register(CalendarFeed)
class CalendarFeedAdmin(LeadsOnly):
    list_display = ["__str__", "created_by", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["token_hash", "rotation", "person", "created_by", "last_used_at"]

    def has_add_permission(self, request):
        return False  # made on the rotation pages, which show the URL once
