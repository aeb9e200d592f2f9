"""The forms of customer engineering's pages. They parse input only; the rules are in
success.forms_to_support and success.teams."""

from __future__ import annotations

from django import forms

from sunrelay.lib.formatting import person
from sunrelay.lib.forms import BoundedDateField
from sunrelay.success.models import (
    MAX_LINE,
    ContextNote,
    RequestStatus,
    SupportRequest,
    TouchKind,
)
from sunrelay.team.models import Role
from sunrelay.team.roles import holders

# Replies on tickets are seen on the desk, never logged by hand.
TOUCH_KINDS_BY_HAND = [(k.value, k.label) for k in TouchKind if k != TouchKind.REPLY]


def _people(role: str, label: str) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(queryset=holders(role), required=False, label=label)
    field.label_from_instance = lambda u: person(u)
    return field


class PairForm(forms.Form):
    ae = forms.ModelChoiceField(queryset=None, required=False)
    ce = forms.ModelChoiceField(queryset=None, required=False)
    reason = forms.CharField(max_length=200, required=False, label="Why the change")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ae"] = _people(Role.SALES, "Account executive (AE)")
        self.fields["ce"] = _people(Role.CUSTOMER, "Customer engineer (CE)")


class _AccountChoice(forms.ModelForm):
    """The account the form is for, among those the person may see (None: without one)."""

    def __init__(self, *args, accounts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account"] = forms.ModelChoiceField(
            queryset=accounts, required=False, label="Account"
        )


class ContextForm(_AccountChoice):
    class Meta:
        model = ContextNote
        fields = ["customer_name", "issue_link", "background"]
        labels = {"customer_name": "Customer name"}
        widgets = {"background": forms.Textarea(attrs={"rows": 6})}


class RequestForm(_AccountChoice):
    class Meta:
        model = SupportRequest
        fields = ["customer_name", "issue_link", "ask", "why", "if_not", "timing", "anything_else"]
        labels = {"customer_name": "Customer name"}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("ask", "why", "if_not", "timing", "anything_else")
        }


class CadenceForm(forms.Form):
    every_days = forms.IntegerField(min_value=1, max_value=365, label="In touch every (days)")
    next_touch = BoundedDateField(
        required=False,
        label="Next planned touch",
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class TouchForm(forms.Form):
    kind = forms.ChoiceField(choices=TOUCH_KINDS_BY_HAND, initial=TouchKind.CALL, label="How")
    on = BoundedDateField(label="On", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(max_length=MAX_LINE, required=False, label="Note")


class MeetingNotesForm(forms.Form):
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000, label="Today's notes"
    )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(choices=RequestStatus.choices)
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
