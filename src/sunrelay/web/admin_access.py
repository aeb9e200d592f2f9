"""Admin access follows Sunrelay's roles, not Django's per-model permission table."""

from __future__ import annotations

from django.contrib import admin

from sunrelay.team.roles import is_lead, is_staff_member, works_tickets


class ReadForStaffWriteForWorkers(admin.ModelAdmin):
    """Anyone with a role may look; only people who work tickets may change."""

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request):
        return works_tickets(request.user)

    def has_change_permission(self, request, obj=None):
        return works_tickets(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_lead(request.user)


class LeadsOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_lead(request.user)

    def has_view_permission(self, request, obj=None):
        return is_lead(request.user)

    def has_add_permission(self, request):
        return is_lead(request.user)

    def has_change_permission(self, request, obj=None):
        return is_lead(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_lead(request.user)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)
