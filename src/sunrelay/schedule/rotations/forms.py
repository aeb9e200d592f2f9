"""The override form. Times are typed in the rotation's local time (the page says which) and
read by the calendars' rules (sla.calendar.local_to_utc): a time in the spring-forward gap
moves forward by the gap, a time that occurs twice is its first occurrence unless a UTC
offset is chosen beside it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sunrelay.lib import bounds
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import within_years
from sunrelay.sla.calendar import format_offset, local_to_utc, zone_offsets
from sunrelay.team.roles import ticket_workers

LOCAL_INPUT = "%Y-%m-%dT%H:%M"
TIMES = ("starts_at", "ends_at")


def on_call_candidates():
    return ticket_workers(superusers=False)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person(obj)


class WallClockField(forms.DateTimeField):
    """A local wall-clock reading, left naive for the form to place in the rotation's zone
    (Django would refuse a reading that occurs twice or not at all). A value typed with an
    offset is an exact instant and stays so. Either way within the years Sunrelay counts."""

    def __init__(self, **kwargs):
        super().__init__(
            input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M"],
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
            **kwargs,
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        # Otherwise the input formats, as DateTimeField reads them, minus the time zone.
        reading = parsed or forms.BaseTemporalField.to_python(self, value)
        return within_years(reading, bounds.check_moment)


def _offset_choices(zone: str) -> list[tuple[str, str]]:
    now = timezone.now()
    choices = [("", "Automatic (the first, if it occurs twice)")]
    for offset in zone_offsets(zone, now):
        choices.append((format_offset(offset), f"UTC{format_offset(offset)}"))
    return choices


def _parse_offset(text: str) -> timedelta:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text[1:].split(":")
    return sign * timedelta(hours=int(hours), minutes=int(minutes))


class OverrideForm(forms.Form):
    user = PersonChoice(queryset=on_call_candidates(), label="Who is on call")
    starts_at = WallClockField(label="From")
    starts_at_offset = forms.ChoiceField(required=False, label="UTC offset of the start")
    ends_at = WallClockField(label="Until")
    ends_at_offset = forms.ChoiceField(required=False, label="UTC offset of the end")
    reason = forms.CharField(required=False, max_length=200, label="Why (optional)")

    def __init__(self, *args, time_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone
        self.fields["user"].queryset = on_call_candidates()
        choices = _offset_choices(time_zone)
        for name in TIMES:
            if len(choices) > 2:  # the zone changes its clocks: a time may occur twice
                self.fields[f"{name}_offset"].choices = choices
                self.fields[
                    f"{name}_offset"
                ].help_text = "Only for a time that occurs twice when the clocks go back."
            else:
                del self.fields[f"{name}_offset"]

    def clean(self):
        cleaned = super().clean()
        for name in TIMES:
            wall = cleaned.get(name)
            if wall is None or wall.tzinfo is not None:
                continue
            offset = cleaned.get(f"{name}_offset")
            try:
                cleaned[name] = local_to_utc(
                    wall, self.time_zone, _parse_offset(offset) if offset else None
                )
            except ValueError as exc:
                self.add_error(name, str(exc))
        return cleaned

    def override(self) -> dict:
        """What schedule.overrides.create_override takes, from a valid form."""
        return {key: self.cleaned_data[key] for key in ("user", *TIMES, "reason")}
