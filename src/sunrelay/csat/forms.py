"""The form of the rating page (the e-mail link's landing page and the portal's)."""

from __future__ import annotations

from django import forms

from sunrelay.csat.models import MAX_COMMENT_LENGTH, Rating


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose good or bad.", "invalid_choice": "Choose good or bad."},
    )
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_COMMENT_LENGTH,
        label="Anything you want to tell us? (optional)",
        error_messages={"max_length": f"Keep the comment under {MAX_COMMENT_LENGTH:,} characters."},
    )
