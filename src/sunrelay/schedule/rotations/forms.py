"""The override form. Times are typed in the rotation's local time (the page says which)."""

from __future__ import annotations

from django import forms

from sunrelay.lib.formatting import person
from sunrelay.lib.forms import BoundedDateTimeField
from sunrelay.team.roles import ticket_workers

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def on_call_candidates():
    return ticket_workers(superusers=False)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person(obj)


class OverrideForm(forms.Form):
    user = PersonChoice(queryset=on_call_candidates(), label="Who is on call")
    starts_at = BoundedDateTimeField(
        label="From",
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
    )
    ends_at = BoundedDateTimeField(
        label="Until",
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
    )
    reason = forms.CharField(required=False, max_length=200, label="Why (optional)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = on_call_candidates()
