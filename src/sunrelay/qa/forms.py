from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from sunrelay.qa.models import QaSource
from sunrelay.team.roles import ticket_workers


class SourceForm(forms.ModelForm):
    url = forms.URLField(
        label="Export URL",
        max_length=1000,
        assume_scheme="https",
        help_text="Where the JSON export of the tag's recent questions is fetched from.",
    )

    class Meta:
        model = QaSource
        fields = ["site", "tag", "url"]

    def clean_tag(self) -> str:
        return self.cleaned_data["tag"].strip().lower()


class StaffAccountForm(forms.Form):
    """One of ours on a site: their answers there become public replies by them."""

    site = forms.CharField(max_length=100)
    user_id = forms.IntegerField(label="site user id", min_value=1)
    staff = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label="staff user")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = ticket_workers(superusers=False)
