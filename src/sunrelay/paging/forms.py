"""The ticket page's forms to page and to raise the level; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from sunrelay.desk.models import Level
from sunrelay.schedule.level_up import RANK


class PageForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        label="Why is it urgent?",
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "Production tiles down for most of Acme's users"}
        ),
    )


class RaiseLevelForm(forms.Form):
    level = forms.ChoiceField(
        choices=[(Level.L2, "L2 support"), (Level.ENGINEERING, "Engineering")]
    )
    bug_url = forms.CharField(required=False, max_length=500, label="Bug link")
    repro_notes = forms.CharField(
        required=False,
        label="Reproduction notes",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Steps, data, what you saw"}),
    )
    reason = forms.CharField(required=False, max_length=300, label="Why (optional)")

    def __init__(self, *args, ticket=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ticket is not None:
            current = RANK.get(ticket.level, 0)
            self.fields["level"].choices = [
                (value, label)
                for value, label in self.fields["level"].choices
                if RANK[value] > current
            ]
