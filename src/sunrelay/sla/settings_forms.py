"""The settings pages' forms for calendars and SLA policies. They parse input only; the
rules are sla.setup's."""

from __future__ import annotations

import re

from django import forms

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import Channel, Priority
from sunrelay.lib.formatting import duration_hm
from sunrelay.lib.forms import WeekForm, time_zone_field
from sunrelay.sla.clock import Metric
from sunrelay.sla.models import Calendar, Policy

METRIC_LABELS = {
    Metric.FIRST_REPLY: "First reply",
    Metric.NEXT_REPLY: "Next reply",
    Metric.PERIODIC_UPDATE: "Periodic update",
    Metric.RESOLUTION: "Resolution",
}
_PART = re.compile(r"(\d+)\s*(hours?|h|minutes?|mins?|m)?(?![a-z])", re.IGNORECASE)


def parse_minutes(text: str) -> int | None:
    """ "4 h", "2 h 30 min", "90 min" or "90" (minutes) as minutes; "" as None."""
    text = (text or "").strip()
    if not text:
        return None
    total, rest = 0, text
    while rest:
        found = _PART.match(rest)
        if not found:
            raise forms.ValidationError(f"“{text}” is not a time like 4 h or 2 h 30 min.")
        number, unit = int(found.group(1)), (found.group(2) or "min").lower()
        total += number * 60 if unit.startswith("h") else number
        rest = rest[found.end() :].strip()
    return total


def minutes_text(minutes: int) -> str:
    return duration_hm(minutes * 60, days=False)


class CalendarForm(WeekForm):
    name = forms.CharField(max_length=100, required=False)
    time_zone = time_zone_field(help_text="The working hours and holidays are in this zone")

    field_order = ["name", "time_zone"]


class HolidayForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Date")
    name = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "holiday-%s")
        super().__init__(*args, **kwargs)


class HolidayFileForm(forms.Form):
    file = forms.FileField(label="iCalendar file (.ics)", help_text="All-day events are added")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ics-%s")
        super().__init__(*args, **kwargs)


def _checkboxes(choices, label: str, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class PolicyForm(forms.Form):
    name = forms.CharField(max_length=100, required=False)
    active = forms.BooleanField(required=False, help_text="Inactive policies match nothing")
    tiers = _checkboxes(Tier.choices, "Account tiers", "None ticked: any tier")
    priorities = _checkboxes(Priority.choices, "Priorities", "None ticked: any priority")
    channels = _checkboxes(Channel.choices, "Channels", "None ticked: any channel")
    tags = forms.CharField(
        required=False, max_length=1000, help_text="Any of these tags; empty: any ticket"
    )
    calendar = forms.ModelChoiceField(
        queryset=Calendar.objects.all(),
        required=False,
        empty_label="Always open (no calendar)",
        help_text="Business minutes count on it; an account's own calendar wins",
    )
    warn_percent = forms.IntegerField(
        label="Warn at (% of a target)", help_text="The clock turns to warning then"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for metric, label in METRIC_LABELS.items():
            self.fields[f"{metric}_time"] = forms.CharField(
                required=False,
                max_length=40,
                label=f"{label} target",
                help_text="e.g. 4 h or 2 h 30 min; empty: no target",
            )
            self.fields[f"{metric}_business"] = forms.BooleanField(
                required=False, label="in business hours"
            )

    def clean(self):
        cleaned = super().clean()
        for metric in METRIC_LABELS:
            name = f"{metric}_time"
            try:
                cleaned[name] = parse_minutes(cleaned.get(name) or "")
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        return cleaned

    @staticmethod
    def initial_for(policy: Policy | None) -> dict:
        if policy is None:
            return {"active": True, "warn_percent": 75}
        initial = {
            "name": policy.name,
            "active": policy.active,
            "tiers": policy.tiers,
            "priorities": policy.priorities,
            "channels": policy.channels,
            "tags": ", ".join(policy.tags),
            "calendar": policy.calendar_id,
            "warn_percent": round(policy.warn_share * 100),
        }
        for target in policy.targets.all():
            initial[f"{target.metric}_time"] = minutes_text(target.minutes)
            initial[f"{target.metric}_business"] = target.business
        return initial

    def values(self) -> dict:
        """The keywords of sla.setup.save_policy (every target: set, or removed)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "active": data["active"],
            "tiers": data["tiers"],
            "priorities": data["priorities"],
            "channels": data["channels"],
            "tags": [t for t in data["tags"].split(",") if t.strip()],
            "calendar": data["calendar"],
            "warn_share": (data["warn_percent"] or 0) / 100,
            "targets": {
                metric.value: (
                    None
                    if data[f"{metric}_time"] is None
                    else (data[f"{metric}_time"], data[f"{metric}_business"])
                )
                for metric in METRIC_LABELS
            },
        }

    def target_rows(self):
        """(label, time field, business field) per target, for the page's table."""
        return [
            (label, self[f"{metric}_time"], self[f"{metric}_business"])
            for metric, label in METRIC_LABELS.items()
        ]
