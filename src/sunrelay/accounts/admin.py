from __future__ import annotations

from django.contrib import admin

from sunrelay.accounts.models import Account, AccountDomain, Contact
from sunrelay.web.admin_access import ReadForStaffWriteForWorkers, VisibleThroughAccount


class DomainInline(admin.TabularInline):
    model = AccountDomain
    extra = 1


@admin.register(Account)
class AccountAdmin(VisibleThroughAccount, ReadForStaffWriteForWorkers):
    account_path = ""
    list_display = ["name", "tier", "mrr", "strategic", "ae", "ce", "time_zone"]
    list_filter = ["tier", "strategic", "portal_shares_tickets"]
    search_fields = ["name", "domains__domain"]
    list_select_related = ["ae", "ce"]
    inlines = [DomainInline]


@admin.register(Contact)
class ContactAdmin(VisibleThroughAccount, ReadForStaffWriteForWorkers):
    list_display = ["name", "email", "skill", "account"]
    list_filter = ["skill", "account__tier"]
    search_fields = ["name", "email", "account__name"]
    list_select_related = ["account"]
    raw_id_fields = ["account"]
