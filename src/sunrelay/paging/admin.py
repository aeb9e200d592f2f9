"""Leads set up escalation policies and webhooks here; paging runs are read-only history."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from sunrelay.paging.models import (
    EscalationPolicy,
    EscalationStep,
    PagingNotification,
    PagingRun,
    Webhook,
)
from sunrelay.web.admin_access import LeadsOnly, ReadOnlyInline


class StepInline(admin.StackedInline):
    model = EscalationStep
    extra = 0
    ordering = ["position", "id"]
    fields = ["position", "kind", "rotation", "people", "webhook", "wait_minutes"]
    filter_horizontal = ["people"]


@admin.register(EscalationPolicy)
class EscalationPolicyAdmin(LeadsOnly):
    list_display = ["name", "is_default", "repeat_times"]
    inlines = [StepInline]


@admin.register(Webhook)
class WebhookAdmin(LeadsOnly):
    list_display = ["name", "kind", "active", "created_at"]
    fields = ["name", "kind", "url", "secret", "active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class NotificationInline(ReadOnlyInline):
    model = PagingNotification
    fields = [
        "created_at",
        "pass_number",
        "step_index",
        "channel",
        "target",
        "state",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields


@admin.register(PagingRun)
class PagingRunAdmin(LeadsOnly):
    list_display = ["__str__", "state", "source", "policy", "created_at", "acknowledged_by"]
    list_filter = ["state", "source"]
    inlines = [NotificationInline]

    def has_add_permission(self, request):
        return False  # pages start from the ticket page, the API or the rules

    def has_change_permission(self, request, obj=None):
        return False
