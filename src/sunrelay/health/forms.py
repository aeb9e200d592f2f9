from __future__ import annotations

from django import forms

from sunrelay.health.models import AlertRule, Measure, Scorecard

MAX_UPLOAD = 5 * 1024 * 1024


class TelemetryUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns account (id or name), metric, value, time (ISO 8601 with offset), "
        "key (unique per reading; a key sent before is skipped).",
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is over 5 MB; split it.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None


class ScorecardForm(forms.ModelForm):
    class Meta:
        model = Scorecard
        fields = ["name", "active", "yellow_from", "green_from"]
        labels = {"active": "Active", "yellow_from": "Yellow from", "green_from": "Green from"}
        help_texts = {
            "active": "The active scorecard with the lowest number scores every account",
            "yellow_from": "Shown scores below this are red",
            "green_from": "Shown scores from this up are green; between, yellow",
        }


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["label", "source", "metric", "window_days", "zero_at", "full_at", "weight"]
        labels = {
            "label": "Name",
            "window_days": "Window (days)",
            "zero_at": "0 points at",
            "full_at": "100 points at",
        }
        help_texts = {
            "window_days": "The days ending with the day scored that the value counts",
            "zero_at": "The value that scores 0 points (above the next: less is better)",
            "full_at": "The value that scores 100 points; linear between, clamped",
            "weight": "Counts relative to the other measures' weights",
        }


class AlertRuleForm(forms.ModelForm):
    class Meta:
        model = AlertRule
        fields = ["kind", "threshold", "days", "active"]
        labels = {"kind": "When the score", "threshold": "Points", "days": "In days"}
        help_texts = {
            "threshold": "Drops below this score, or falls by this many points",
            "days": "For “falls by”: against the best score of these days before",
            "active": "Switched off, it raises no more tasks (those raised stay)",
        }
