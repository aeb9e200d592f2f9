"""Form plumbing shared by every app's pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_service_errors(
    form: forms.Form, exc: ValidationError, aliases: dict[str, str | None] | None = None
) -> None:
    """Show a service's ValidationError on the form: per field where it has one, else on top.

    `aliases` maps a service's field name to the form's (None: on top)."""
    aliases = aliases or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        target = aliases.get(field, field)
        form.add_error(target if target in form.fields else None, messages)


def time_zone_field(**kwargs) -> forms.CharField:
    """An IANA time zone typed with suggestions (the page includes web/_time_zones.html);
    the models' validate_time_zone says whether it is one."""
    kwargs.setdefault("max_length", 64)
    kwargs.setdefault("help_text", "IANA name, e.g. Europe/Madrid")
    field = forms.CharField(**kwargs)
    field.widget.attrs.update({"list": "time-zones", "autocomplete": "off"})
    return field
