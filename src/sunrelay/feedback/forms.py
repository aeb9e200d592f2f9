"""The feedback pages' forms: they parse; feedback.services and friends decide."""

from __future__ import annotations

from django import forms

from sunrelay.accounts.models import Account
from sunrelay.desk.models import ProductArea
from sunrelay.feedback.models import Importance, Theme, ThemeStatus
from sunrelay.feedback.services import MAX_QUOTE


class CaptureForm(forms.Form):
    quote = forms.CharField(
        label="The customer's own words", widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_QUOTE,
    )  # fmt: skip
    account = forms.ModelChoiceField(Account.objects.order_by("name"), required=False)
    importance = forms.ChoiceField(choices=Importance.choices, initial=Importance.IMPORTANT)
    product_area = forms.ModelChoiceField(ProductArea.objects.all(), required=False)
    theme = forms.ModelChoiceField(Theme.objects.all(), required=False)
    from_note = forms.BooleanField(label="From a customer engineer's note", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Columns: quote, account, contact, "
                           "product_area, importance, theme (only quote is required)")  # fmt: skip


class ThemeForm(forms.Form):
    name = forms.CharField(max_length=120)
    product_area = forms.ModelChoiceField(ProductArea.objects.all(), required=False)


class LinkForm(forms.Form):
    theme = forms.ModelChoiceField(Theme.objects.all(), required=False, empty_label="No theme")


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ThemeStatus.choices)


class NoticeForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}))
