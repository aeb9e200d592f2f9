from __future__ import annotations

from django import forms

from sunrelay.accounts.models import Account


class InstallForm(forms.Form):
    bot_token = forms.CharField(
        required=False, max_length=255, widget=forms.PasswordInput,
        help_text="xoxb-…; leave blank to keep the stored one.",
    )  # fmt: skip
    signing_secret = forms.CharField(
        required=False, max_length=255, widget=forms.PasswordInput,
        help_text="From the app's Basic Information; leave blank to keep the stored one.",
    )  # fmt: skip
    ticket_reaction = forms.CharField(max_length=64, initial="ticket")
    team_channel = forms.CharField(required=False, max_length=32, label="Team channel id")


class ChannelForm(forms.Form):
    channel_id = forms.CharField(max_length=32, label="Channel id", help_text="e.g. C0123ABCD")
    name = forms.CharField(max_length=80, required=False, label="Channel name")
    account = forms.ModelChoiceField(queryset=Account.objects.order_by("name"))
