"""The projects pages' forms: parse and bound the input; projects.services decides."""

from __future__ import annotations

import re

from django import forms

from sunrelay.accounts.models import Account
from sunrelay.desk.models import Ticket
from sunrelay.feedback.models import Theme
from sunrelay.lib import bounds
from sunrelay.lib.forms import BoundedDateField
from sunrelay.projects.models import Effort, Impact, Project, ProjectStatus
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
    tickets = forms.CharField(
        label="Linked tickets",
        required=False,
        max_length=2000,
        help_text="Ticket numbers, separated by commas or spaces: 1042, 1077",
    )
    rollout_plan = forms.CharField(label="Roll-out plan", widget=forms.Textarea, required=False)
    support_plan = forms.CharField(
        label="Support plan (who maintains any code built)", widget=forms.Textarea, required=False
    )
    maintainer = forms.ModelChoiceField(queryset=ticket_workers(), required=False)
    status = forms.ChoiceField(choices=ProjectStatus.choices, initial=ProjectStatus.PROPOSED)
    review_notes = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args, tickets=None, **kwargs):
        """`tickets`: the tickets the user may see, the only ones they may link."""
        super().__init__(*args, **kwargs)
        self.visible_tickets = tickets if tickets is not None else Ticket.objects.none()

    def clean_tickets(self) -> list[Ticket]:
        words = re.split(r"[\s,]+", self.cleaned_data["tickets"].replace("#", " ").strip())
        numbers = [w for w in words if w]
        bad = [w for w in numbers if not w.isdigit() or int(w) > bounds.MAX_ID]
        if bad:
            raise forms.ValidationError(f"Not ticket numbers: {', '.join(bad)}.")
        ids = list(dict.fromkeys(int(n) for n in numbers))
        found = {t.pk: t for t in self.visible_tickets.filter(pk__in=ids)}
        missing = [f"#{pk}" for pk in ids if pk not in found]
        if missing:
            raise forms.ValidationError(f"No such tickets that you may see: {', '.join(missing)}.")
        return [found[pk] for pk in ids]


class TimeForm(forms.Form):
    """Time on a project (the project page) or a ticket (the ticket panel)."""

    day = BoundedDateField(widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(min_value=1, max_value=MAX_ENTRY_MINUTES)
    billable = forms.BooleanField(required=False)
    note = forms.CharField(max_length=300, required=False)


class TicketTimeForm(TimeForm):
    """Time on a ticket, which may also go to one of the projects the ticket is linked to."""

    project = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        required=False,
        empty_label="None: the ticket only",
        help_text="Its time counts for the project too.",
        error_messages={"invalid_choice": "Choose a project this ticket is linked to."},
    )

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (
            projects if projects is not None else Project.objects.none()
        )
        if projects is None or not projects.exists():
            # Nothing to choose: not shown, and a project sent anyway is refused in words.
            self.fields["project"].widget = forms.HiddenInput()

    def full_clean(self) -> None:
        super().full_clean()
        # A hidden field's error would not show where it is: said above the form instead.
        if self.fields["project"].widget.is_hidden and "project" in (self._errors or {}):
            self.add_error(None, self._errors.pop("project"))


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
