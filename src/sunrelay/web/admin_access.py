"""Admin access follows Sunrelay's roles, not Django's per-model permission table, and shows
each person the rows they may see anywhere else (sales: their own accounts' data)."""

from __future__ import annotations

from django.contrib import admin

from sunrelay.accounts.permissions import visible_through_account
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


class VisibleThroughAccount:
    """For admins of rows that belong to an account: the list, the change pages and the
    raw-id pop-ups show only what accounts.permissions lets the person see (sales read the
    accounts they are account executive of). `account_path` leads from a row to its account:
    "" for accounts, "account__" for rows with an account field."""

    account_path = "account__"

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return visible_through_account(request.user, rows, self.account_path)
