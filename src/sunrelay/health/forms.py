from __future__ import annotations

from django import forms

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
