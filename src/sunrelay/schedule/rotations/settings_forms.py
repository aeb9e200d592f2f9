"""Forms of the rotation settings pages. They parse input only; the rules are
schedule.rotations.setup's. Times are the layer's local wall-clock times."""

from __future__ import annotations

from django import forms

from sunrelay.lib.forms import WeekForm, time_zone_field
from sunrelay.schedule.rotations.forms import LOCAL_INPUT, PersonChoice, on_call_candidates
from sunrelay.schedule.rotations.models import WEEKDAYS, Layer, Rotation, ShiftUnit

# Blank "takes a turn" rows offered beyond the people already in a layer.
SPARE_TURNS = 3


class RotationForm(forms.Form):
    name = forms.CharField(max_length=120, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    time_zone = time_zone_field(
        help_text="Hand-offs are read in this zone unless a layer has its own"
    )
    level = forms.ChoiceField(
        required=False,
        choices=[("", "None"), *Rotation._meta.get_field("level").choices],
        label="Ticket level it staffs",
        help_text="Raising a ticket to this level assigns whoever is on call",
    )

    @staticmethod
    def initial_for(rotation: Rotation | None) -> dict:
        if rotation is None:
            return {"time_zone": "UTC"}
        return {
            "name": rotation.name,
            "description": rotation.description,
            "time_zone": rotation.time_zone,
            "level": rotation.level,
        }


class LayerForm(WeekForm):
    week_help = "Covers only these local hours (e.g. 18:00-09:00); an empty week: whole shifts"

    position = forms.IntegerField(min_value=0, help_text="A higher layer beats a lower one")
    name = forms.CharField(max_length=120, required=False)
    time_zone = time_zone_field(required=False, help_text="Empty: the rotation's")
    shift_length = forms.IntegerField(label="Shift length", min_value=0)
    shift_unit = forms.ChoiceField(choices=ShiftUnit.choices, label="Unit")
    handoff_weekday = forms.TypedChoiceField(
        choices=[("", "—"), *WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
        label="Hand-off day",
        help_text="Weekly shifts hand off on this day",
    )
    handoff_time = forms.TimeField(
        label="Hand-off time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    starts_on = forms.DateField(
        label="First hand-off on or after", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_at = forms.DateTimeField(
        required=False,
        label="Ends",
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
        help_text="Empty: it goes on",
    )

    field_order = [
        "position", "name", "shift_length", "shift_unit", "handoff_weekday", "handoff_time",
        "starts_on", "ends_at", "time_zone",
    ]  # fmt: skip

    def __init__(self, *args, turns: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(turns + SPARE_TURNS):
            self.fields[f"turn_{index}"] = PersonChoice(
                queryset=on_call_candidates(),
                required=False,
                label=f"Turn {index + 1}",
                empty_label="—",
            )

    def turn_fields(self):
        return [self[name] for name in self.fields if name.startswith("turn_")]

    def participants(self) -> list:
        return [
            self.cleaned_data[name]
            for name in self.fields
            if name.startswith("turn_") and self.cleaned_data.get(name) is not None
        ]

    def values(self) -> dict:
        """The keywords of schedule.rotations.setup.save_layer."""
        data = self.cleaned_data
        keys = ("position", "name", "time_zone", "shift_length", "shift_unit",
                "handoff_weekday", "handoff_time", "starts_on", "ends_at")  # fmt: skip
        return {
            **{key: data[key] for key in keys},
            "participants": self.participants(),
            "restrictions": self.week(),
        }

    @staticmethod
    def initial_for(layer: Layer | None, next_position: int, zone) -> dict:
        if layer is None:
            return {"position": next_position, "shift_length": 1, "shift_unit": "weeks",
                    "handoff_weekday": 0, "handoff_time": "09:00"}  # fmt: skip
        initial = {
            "position": layer.position,
            "name": layer.name,
            "time_zone": layer.time_zone,
            "shift_length": layer.shift_length,
            "shift_unit": layer.shift_unit,
            "handoff_weekday": layer.handoff_weekday,
            "handoff_time": layer.handoff_time,
            "starts_on": layer.starts_on,
            "ends_at": layer.ends_at.astimezone(zone).strftime(LOCAL_INPUT)
            if layer.ends_at
            else "",
            **WeekForm.initial_week(layer.restrictions.all()),
        }
        for index, participant in enumerate(layer.participants.all()):
            initial[f"turn_{index}"] = participant.user_id
        return initial
