"""Form plumbing shared by every app's pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sunrelay.lib import bounds
from sunrelay.lib.weekly import WEEKDAY_NAMES, format_day, parse_day


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


def time_zone_field(**kwargs) -> forms.CharField:
    """An IANA time zone typed with suggestions (the page includes web/_time_zones.html);
    the models' validate_time_zone says whether it is one."""
    kwargs.setdefault("max_length", 64)
    kwargs.setdefault("help_text", "IANA name, e.g. Europe/Madrid")
    field = forms.CharField(**kwargs)
    field.widget.attrs.update({"list": "time-zones", "autocomplete": "off"})
    return field


class WeekForm(forms.Form):
    """A weekly editor: one text field a day ("09:00-13:00, 14:00-18:00", lib.weekly).
    week() gives {weekday: [(start, end), ...]} (Monday = 0) for the services."""

    week_help = "Stretches like 09:00-13:00, 14:00-18:00; empty: not at all"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAY_NAMES):
            self.fields[f"day_{day}"] = forms.CharField(label=name, required=False, max_length=200)
            self.fields[f"day_{day}"].widget.attrs["placeholder"] = "—"

    def clean(self):
        cleaned = super().clean()
        for day in range(7):
            name = f"day_{day}"
            try:
                cleaned[name] = parse_day(cleaned.get(name) or "")
            except ValueError as exc:
                self.add_error(name, str(exc))
        return cleaned

    def week(self) -> dict[int, list]:
        return {day: self.cleaned_data[f"day_{day}"] for day in range(7)}

    @staticmethod
    def initial_week(rows) -> dict[str, str]:
        """Initial text of each day from rows with weekday, start and end."""
        days: dict[int, list] = {}
        for row in rows:
            days.setdefault(row.weekday, []).append((row.start, row.end))
        return {f"day_{day}": format_day(sorted(days.get(day, []))) for day in range(7)}
