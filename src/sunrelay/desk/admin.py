"""The desk in Django's admin. Writes go through desk.services; nothing here deletes a
ticket, a message or an event, whoever asks."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import Message, Tag, Ticket, TicketEvent
from sunrelay.lib.forms import apply_service_errors
from sunrelay.team.roles import is_staff_member
from sunrelay.web.admin_access import (
    ReadForStaffWriteForWorkers,
    ReadOnlyInline,
    VisibleThroughAccount,
)

PROPERTY_FIELDS = [
    "subject",
    "status",
    "priority",
    "level",
    "assignee",
    "cause",
    "bug_url",
    "interesting",
]


class TicketChangeForm(forms.ModelForm):
    bug_url = forms.URLField(
        label="Bug link", required=False, max_length=500, assume_scheme="https"
    )
    tag_list = forms.CharField(
        label="Tags", required=False, help_text="Comma-separated, e.g. tiles, performance"
    )

    class Meta:
        model = Ticket
        fields = PROPERTY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tag_list"] = ", ".join(self.instance.tags.values_list("name", flat=True))

    def property_changes(self) -> dict:
        changes = {f: self.cleaned_data[f] for f in self.changed_data if f in PROPERTY_FIELDS}
        if "tag_list" in self.changed_data:
            changes["tags"] = self.cleaned_data["tag_list"].split(",")
        return changes

    def clean(self):
        cleaned = super().clean()
        # The service's rules, shown in place (e.g. "solving needs a cause").
        stored = Ticket.objects.get(pk=self.instance.pk)
        try:
            services.check_changes(stored, self.property_changes())
        except ValidationError as exc:
            apply_service_errors(self, exc, aliases={"tags": "tag_list"})
        return cleaned


class TicketAddForm(forms.ModelForm):
    body = forms.CharField(widget=forms.Textarea, help_text="The customer's first message")

    class Meta:
        model = Ticket
        fields = ["subject", "requester", "channel", "priority", "level", "assignee"]


class NeverDeleted:
    """The event log is append-only: tickets, their messages and events are never deleted in
    the admin, not even by a superuser. Deleting a ticket, if it is ever needed, would be a
    service with its own event and permission."""

    def has_delete_permission(self, request, obj=None):
        return False


class MessageInline(NeverDeleted, ReadOnlyInline):
    model = Message
    fields = ["created_at", "kind", "author_user", "author_contact", "body_text"]
    readonly_fields = fields


class EventInline(NeverDeleted, ReadOnlyInline):
    model = TicketEvent
    fields = ["at", "kind", "actor_user", "actor_contact", "old", "new"]
    readonly_fields = fields


@admin.register(Ticket)
class TicketAdmin(NeverDeleted, VisibleThroughAccount, ReadForStaffWriteForWorkers):
    list_display = [
        "id",
        "subject",
        "account",
        "requester",
        "status",
        "priority",
        "level",
        "assignee",
        "updated_at",
    ]
    list_filter = [
        "status",
        "priority",
        "level",
        "channel",
        "cause",
        "account__tier",
        "interesting",
    ]
    search_fields = ["subject", "requester__email", "account__name"]
    list_select_related = ["account", "requester", "assignee"]
    raw_id_fields = ["requester"]
    readonly_fields = [
        "account",
        "requester",
        "channel",
        "ccs",
        "created_at",
        "updated_at",
        "solved_at",
        "external_ref",
    ]
    inlines = [MessageInline, EventInline]
    date_hierarchy = "created_at"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = TicketChangeForm if obj is not None else TicketAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*TicketAddForm.Meta.fields, "body"]
        return [*PROPERTY_FIELDS, "tag_list", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            services.update_ticket(obj, request.user, **form.property_changes())
            return
        new = services.NewTicket(
            requester=form.cleaned_data["requester"],
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            channel=form.cleaned_data["channel"],
            priority=form.cleaned_data["priority"],
            level=form.cleaned_data["level"],
            assignee=form.cleaned_data["assignee"],
        )
        obj.pk = services.create_ticket(new, actor=request.user).ticket.pk


@admin.register(TicketEvent)
class TicketEventAdmin(NeverDeleted, VisibleThroughAccount, admin.ModelAdmin):
    account_path = "ticket__account__"

    list_display = ["at", "ticket", "kind", "actor_user", "actor_contact", "old", "new"]
    list_filter = ["kind"]
    raw_id_fields = ["ticket"]
    list_select_related = ["ticket", "actor_user", "actor_contact"]

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request):
        return False  # written by the services only

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Tag)
class TagAdmin(ReadForStaffWriteForWorkers):
    search_fields = ["name"]
