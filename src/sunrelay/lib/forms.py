"""Form plumbing shared by every app's pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sunrelay.lib import bounds


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


class BoundedDateField(forms.DateField):
    """A date within the years Sunrelay counts (lib.bounds), refused in words outside them."""

    def to_python(self, value):
        day = super().to_python(value)
        return within_years(day, bounds.check_day)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time within the years Sunrelay counts (lib.bounds)."""

    def to_python(self, value):
        moment = super().to_python(value)
        return within_years(moment, bounds.check_moment)


def within_years(value, check):
    if value is None:
        return None
    try:
        return check(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="out_of_range") from None
