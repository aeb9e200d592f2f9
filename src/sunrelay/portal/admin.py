from __future__ import annotations

from django.contrib import admin

from sunrelay.portal import tokens
from sunrelay.portal.models import ContactToken
from sunrelay.team.roles import works_tickets


@admin.register(ContactToken)
class ContactTokenAdmin(admin.ModelAdmin):
    """Contacts' API tokens: support staff see and revoke them (`sunrelay contact_token
    create` issues one for a contact; contacts make their own in the portal)."""

    list_display = [
        "prefix",
        "contact",
        "name",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "contact__email", "name"]
    list_select_related = ["contact", "created_by"]
    readonly_fields = [f.name for f in ContactToken._meta.fields if f.name != "token_hash"]
    exclude = ["token_hash"]
    actions = ["revoke"]

    def has_module_permission(self, request):
        return works_tickets(request.user)

    def has_view_permission(self, request, obj=None):
        return works_tickets(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.revoke(token)
        self.message_user(request, f"Revoked {queryset.count()} token(s).")
