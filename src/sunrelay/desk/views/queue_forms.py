"""Forms of the queue page besides its filters: the bulk bar and saved views. They parse input
only; the rules are desk.services.bulk_changes' and desk.saved_views'."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from sunrelay.desk.models import Cause, Level, Priority, Status
from sunrelay.desk.saved_views import MAX_NAME_LENGTH
from sunrelay.desk.services.bulk_changes import UNCHANGED, BulkChanges
from sunrelay.lib.formatting import person

KEEP = [("", "—")]
# The query string of the queue page a form was sent from (filters, sort, page).
MAX_QUERY_LENGTH = 2000


def _tag_list(text: str) -> list[str]:
    return [t for t in text.split(",") if t.strip()]


class BulkForm(forms.Form):
    """The bar above the queue's rows: a change for every ticket ticked. Empty fields leave
    the tickets' own values."""

    assignee = forms.ChoiceField(required=False, label="Assign to")
    status = forms.ChoiceField(
        required=False, choices=KEEP + [c for c in Status.choices if c[0] != Status.NEW]
    )
    # Shown when the status chosen is solved (CSS, as in the reply form): solving needs one.
    cause = forms.ChoiceField(required=False, choices=KEEP + Cause.choices)
    priority = forms.ChoiceField(required=False, choices=KEEP + Priority.choices)
    level = forms.ChoiceField(required=False, choices=KEEP + Level.choices)
    add_tags = forms.CharField(required=False, max_length=500, label="Add tags")
    remove_tags = forms.CharField(required=False, max_length=500, label="Remove tags")
    all_on_page = forms.BooleanField(required=False, label="Every ticket on this page")
    query = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, assignees=(), **kwargs):
        # The filters above it have a status, a priority and a level too: its names differ.
        kwargs.update(prefix="bulk", auto_id="%s")
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            *KEEP,
            ("me", "Me"),
            ("none", "Nobody"),
            *((str(u.pk), person(u)) for u in assignees),
        ]
        for name in ("add_tags", "remove_tags"):
            self.fields[name].widget.attrs.update(placeholder="tag, tag", list="known-tags")

    def ticket_ids(self) -> list[int]:
        """The tickets ticked, or every ticket of the page when "all on page" is; numbers only."""
        names = (
            ("tickets", "page_tickets") if self.cleaned_data.get("all_on_page") else ("tickets",)
        )
        values = [v for name in names for v in self.data.getlist(name)]
        return [int(v) for v in values if v.isdigit() and len(v) <= 18]

    def changes(self, me) -> BulkChanges:
        data = self.cleaned_data
        choice = data["assignee"]
        chosen = {"": UNCHANGED, "me": me.pk, "none": None}
        return BulkChanges(
            assignee_id=chosen[choice] if choice in chosen else int(choice),
            status=data["status"] or None,
            priority=data["priority"] or None,
            level=data["level"] or None,
            cause=data["cause"] or None,
            add_tags=_tag_list(data["add_tags"]),
            remove_tags=_tag_list(data["remove_tags"]),
        )

    def params(self) -> QueryDict:
        """The queue page's own query parameters, to show it again."""
        return QueryDict(self.data.get(self.add_prefix("query"), "")[:MAX_QUERY_LENGTH])


class SavedViewForm(forms.Form):
    name = forms.CharField(max_length=MAX_NAME_LENGTH, label="Name")
    shared = forms.BooleanField(required=False, label="Shared with everyone")

    def __init__(self, *args, may_share: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "view-%s")
        super().__init__(*args, **kwargs)
        if not may_share:
            del self.fields["shared"]
