"""The qualification checklist, configured by leads in the admin. Items are deactivated, never
deleted: a deleted item would take its confirmations with it."""

from __future__ import annotations

from django.contrib import admin

from sunrelay.presales.models import QualificationItem
from sunrelay.web.admin_access import LeadsOnly


@admin.register(QualificationItem)
class QualificationItemAdmin(LeadsOnly):
    list_display = ("label", "key", "position", "active")
    list_editable = ("position", "active")
    ordering = ("position", "key")

    def has_delete_permission(self, request, obj=None):
        return False
