"""The pre-sales forms of the desk. They parse input only: presales.services and
presales.engagements hold the rules (the gate, who may, closed deals)."""

from __future__ import annotations

from django import forms

from sunrelay.accounts.models import Account
from sunrelay.desk.models import ProductArea
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import BoundedDateField
from sunrelay.presales.models import CLOSED_STAGES, EngagementKind, Reason, Stage, TechnicalResult
from sunrelay.team.models import Role
from sunrelay.team.roles import holders

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = {"rows": 3}


class OpportunityForm(forms.Form):
    account = forms.ModelChoiceField(queryset=Account.objects.none())
    name = forms.CharField(max_length=200)
    stage = forms.ChoiceField(choices=[c for c in Stage.choices if c[0] not in CLOSED_STAGES])
    amount = forms.DecimalField(min_value=0, max_digits=14, decimal_places=2, initial=0)
    currency = forms.CharField(max_length=3, initial="USD", help_text="Three letters, e.g. EUR")
    close_date = BoundedDateField(required=False, widget=DATE)
    product_areas = forms.ModelMultipleChoiceField(
        queryset=ProductArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    crm_id = forms.CharField(label="CRM id", max_length=80, required=False)
    crm_url = forms.URLField(label="CRM URL", max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts


class OpportunityEditForm(OpportunityForm):
    """Editing an opportunity: everything but its account (open another one instead)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, accounts=Account.objects.none(), **kwargs)
        del self.fields["account"]


class ChecklistItemForm(forms.Form):
    label = forms.CharField(max_length=80, label="Name")
    help_text = forms.CharField(max_length=200, required=False, label="What it means")
    active = forms.BooleanField(required=False, initial=True, label="Counts at the gate")


class SeRequestForm(forms.Form):
    context = forms.CharField(
        label="The project's context",
        widget=forms.Textarea(attrs=TEXT),
        max_length=5000,
        help_text="What the customer wants to build, and where we come in",
    )
    reasons = forms.MultipleChoiceField(
        label="Why it matters",
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    key_people = forms.CharField(widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False)
    expectations = forms.CharField(
        widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False
    )
    constraints = forms.CharField(
        widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False
    )
    threats = forms.CharField(widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False)
    opportunities = forms.CharField(
        widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False
    )
    due_on = BoundedDateField(label="Due date", widget=DATE)


class AssignForm(forms.Form):
    se = forms.ModelChoiceField(queryset=None, label="Solutions engineer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["se"].queryset = holders(Role.SOLUTIONS)
        self.fields["se"].label_from_instance = lambda u: person(u)


class ThresholdForm(forms.Form):
    overload_threshold = forms.IntegerField(
        min_value=1,
        max_value=100,
        label="Overload threshold",
        help_text="Open opportunities plus this week's demos and proofs of concept",
    )


class EngagementForm(forms.Form):
    kind = forms.ChoiceField(choices=EngagementKind.choices)
    title = forms.CharField(max_length=200)
    starts_on = BoundedDateField(widget=DATE)
    ends_on = BoundedDateField(required=False, widget=DATE)
    success_criteria = forms.CharField(
        widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False
    )
    outcome = forms.CharField(widget=forms.Textarea(attrs=TEXT), max_length=5000, required=False)


class FeedbackForm(forms.Form):
    worked = forms.CharField(
        label="What worked", widget=forms.Textarea(attrs=TEXT), max_length=2000
    )
    change = forms.CharField(
        label="What to change", widget=forms.Textarea(attrs=TEXT), max_length=2000, required=False
    )


class TechnicalForm(forms.Form):
    result = forms.ChoiceField(choices=TechnicalResult.choices)
    reason = forms.CharField(max_length=500)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(choices=[(Stage.WON, "Won"), (Stage.LOST, "Lost")])
    reason = forms.CharField(max_length=500)


class CrmImportForm(forms.Form):
    file = forms.FileField(label="The CRM's CSV export", help_text="UTF-8, a header line first")
    mapping = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Column mapping",
        help_text="Only where your columns differ, e.g. name=Deal, amount=Value",
    )
    dry_run = forms.BooleanField(required=False, initial=True, label="Dry run: write nothing")
