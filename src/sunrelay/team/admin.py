from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from sunrelay.team.models import StaffProfile, StaffRole, WorkingInterval
from sunrelay.web.admin_access import LeadsOnly


class ProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False


class RoleInline(admin.TabularInline):
    model = StaffRole
    extra = 1


class StaffUserAdmin(UserAdmin):
    inlines = [ProfileInline, RoleInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


class WorkingIntervalInline(admin.TabularInline):
    model = WorkingInterval
    extra = 0


@admin.register(StaffProfile)
class StaffProfileAdmin(LeadsOnly):
    list_display = ["__str__", "location", "time_zone"]
    inlines = [WorkingIntervalInline]
    list_select_related = ["user"]
