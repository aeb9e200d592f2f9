"""The projects pages' forms: parse and bound the input; projects.services decides."""

from __future__ import annotations

from django import forms

from sunrelay.accounts.models import Account
from sunrelay.feedback.models import Theme
from sunrelay.lib.forms import BoundedDateField
from sunrelay.projects.models import Effort, Impact, ProjectStatus
from sunrelay.projects.services import MAX_ENTRY_MINUTES
from sunrelay.team.roles import ticket_workers


class ProjectForm(forms.Form):
    name = forms.CharField(max_length=200)
    objectives = forms.CharField(label="Objectives and expected outcomes", widget=forms.Textarea)
    scope_will = forms.CharField(label="What we will do", widget=forms.Textarea, required=False)
    scope_will_not = forms.CharField(
        label="What we will not do", widget=forms.Textarea, required=False
    )
    impact = forms.TypedChoiceField(choices=Impact.choices, coerce=int)
    effort = forms.ChoiceField(choices=Effort.choices, initial=Effort.MEDIUM)
    stakeholders = forms.CharField(widget=forms.Textarea, required=False)
    owner = forms.ModelChoiceField(queryset=ticket_workers())
    leads = forms.ModelMultipleChoiceField(queryset=ticket_workers(), required=False)
    accounts = forms.ModelMultipleChoiceField(
        queryset=Account.objects.order_by("name"), required=False, label="Linked accounts"
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.order_by("name"), required=False, label="Feedback themes"
    )
    rollout_plan = forms.CharField(label="Roll-out plan", widget=forms.Textarea, required=False)
    support_plan = forms.CharField(
        label="Support plan (who maintains any code built)", widget=forms.Textarea, required=False
    )
    maintainer = forms.ModelChoiceField(queryset=ticket_workers(), required=False)
    status = forms.ChoiceField(choices=ProjectStatus.choices, initial=ProjectStatus.PROPOSED)
    review_notes = forms.CharField(widget=forms.Textarea, required=False)


class TimeForm(forms.Form):
    """Time on a project (the project page) or a ticket (the ticket panel)."""

    day = BoundedDateField(widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(min_value=1, max_value=MAX_ENTRY_MINUTES)
    billable = forms.BooleanField(required=False)
    note = forms.CharField(max_length=300, required=False)


class SprintForm(forms.Form):
    starts_on = BoundedDateField(
        label="Starts on (a Monday)", widget=forms.DateInput(attrs={"type": "date"})
    )
    weeks = forms.TypedChoiceField(choices=[(1, "1 week"), (2, "2 weeks")], coerce=int)
    goal = forms.CharField(max_length=300)


class BudgetForm(forms.Form):
    hours = forms.IntegerField(min_value=0, max_value=100_000, required=False)
    minutes = forms.IntegerField(min_value=0, max_value=59, required=False)

    def total(self) -> int | None:
        hours, minutes = self.cleaned_data.get("hours"), self.cleaned_data.get("minutes")
        if hours is None and minutes is None:
            return None
        return (hours or 0) * 60 + (minutes or 0)
