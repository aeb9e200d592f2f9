"""Forms of the people pages. They parse input only; the rules are team.people's."""

from __future__ import annotations

from django import forms

from sunrelay.desk.models import Level
from sunrelay.lib.forms import WeekForm, time_zone_field
from sunrelay.team.models import Role


def _roles() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Support, solutions, customer engineering and leads work tickets; sales read "
        "their accounts",
    )


class PersonForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.CharField(label="E-mail", max_length=254, required=False)
    is_active = forms.BooleanField(
        label="Can log in", required=False, help_text="Switched off: a leaver, kept in history"
    )
    roles = _roles()

    @staticmethod
    def initial_for(user, roles) -> dict:
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": user.is_active,
            "roles": sorted(roles),
        }


class NewPersonForm(forms.Form):
    username = forms.CharField(label="User name", max_length=150, required=False)
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.CharField(label="E-mail", max_length=254, required=False)
    password = forms.CharField(
        label="First password",
        required=False,
        widget=forms.PasswordInput(render_value=True),
        help_text="Tell them; they change it under Settings › Your password",
    )
    roles = _roles()
    location = forms.CharField(max_length=80, required=False, help_text="City, e.g. Madrid")
    time_zone = time_zone_field()


class WorkingWeekForm(WeekForm):
    location = forms.CharField(max_length=80, required=False, help_text="City, e.g. Madrid")
    time_zone = time_zone_field(help_text="The working hours are in this zone")
    support_levels = forms.MultipleChoiceField(
        choices=Level.choices,
        required=False,
        label="Levels they work",
        widget=forms.CheckboxSelectMultiple,
        help_text="Routing gives them tickets of these levels",
    )

    field_order = ["location", "time_zone", "support_levels"]

    @staticmethod
    def initial_for(profile) -> dict:
        if profile is None:
            return {"time_zone": "UTC"}
        return {
            "location": profile.location,
            "time_zone": profile.time_zone,
            "support_levels": profile.support_levels,
            **WeekForm.initial_week(profile.working_hours.all()),
        }
