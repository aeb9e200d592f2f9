"""Forms of the escalation and webhook settings pages. They parse input only; the rules are
paging.setup's."""

from __future__ import annotations

from django import forms

from sunrelay.lib.formatting import person
from sunrelay.paging.models import EscalationPolicy, StepKind, Webhook, WebhookKind
from sunrelay.paging.setup import Step
from sunrelay.schedule.rotations.models import Rotation
from sunrelay.team.roles import ticket_workers

# Empty step rows offered beyond the policy's own steps.
SPARE_STEPS = 2


class PolicyForm(forms.Form):
    name = forms.CharField(max_length=120, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    repeat_times = forms.IntegerField(
        min_value=0,
        label="Repeat",
        help_text="Times the steps run again when nobody acknowledges",
    )
    is_default = forms.BooleanField(
        required=False, label="The default policy", help_text="Pages use it unless told otherwise"
    )

    def __init__(self, *args, steps: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        people = ticket_workers(superusers=False)
        self.step_count = steps + SPARE_STEPS
        for i in range(self.step_count):
            self.fields[f"step_{i}_kind"] = forms.ChoiceField(
                choices=[("", "— no step —"), *StepKind.choices], required=False, label="Step"
            )
            self.fields[f"step_{i}_rotation"] = forms.ModelChoiceField(
                queryset=Rotation.objects.all(), required=False, label="Rotation", empty_label="—"
            )
            chosen = forms.ModelMultipleChoiceField(queryset=people, required=False, label="People")
            chosen.label_from_instance = lambda u: person(u)
            self.fields[f"step_{i}_people"] = chosen
            self.fields[f"step_{i}_webhook"] = forms.ModelChoiceField(
                queryset=Webhook.objects.all(), required=False, label="Webhook", empty_label="—"
            )
            self.fields[f"step_{i}_wait"] = forms.IntegerField(
                required=False, min_value=0, label="Minutes to wait"
            )

    def step_rows(self) -> list[list]:
        parts = ("kind", "rotation", "people", "webhook", "wait")
        return [[self[f"step_{i}_{p}"] for p in parts] for i in range(self.step_count)]

    def steps(self) -> list[Step]:
        data = self.cleaned_data
        return [
            Step(
                kind=data[f"step_{i}_kind"],
                rotation=data[f"step_{i}_rotation"],
                people=tuple(data[f"step_{i}_people"] or ()),
                webhook=data[f"step_{i}_webhook"],
                wait_minutes=data[f"step_{i}_wait"] or 0,
            )
            for i in range(self.step_count)
            if data.get(f"step_{i}_kind")
        ]

    @staticmethod
    def initial_for(policy: EscalationPolicy | None) -> dict:
        if policy is None:
            return {"repeat_times": 0}
        initial = {
            "name": policy.name,
            "description": policy.description,
            "repeat_times": policy.repeat_times,
            "is_default": policy.is_default,
        }
        for i, step in enumerate(policy.steps.all()):
            initial.update(
                {
                    f"step_{i}_kind": step.kind,
                    f"step_{i}_rotation": step.rotation_id,
                    f"step_{i}_people": [u.pk for u in step.people.all()],
                    f"step_{i}_webhook": step.webhook_id,
                    f"step_{i}_wait": step.wait_minutes or None,
                }
            )
        return initial


class WebhookForm(forms.Form):
    name = forms.CharField(max_length=120, required=False)
    kind = forms.ChoiceField(choices=WebhookKind.choices)
    url = forms.CharField(label="URL", max_length=500, required=False)
    active = forms.BooleanField(required=False, help_text="Switched off: steps skip it")

    @staticmethod
    def initial_for(webhook: Webhook | None) -> dict:
        if webhook is None:
            return {"active": True}
        return {
            "name": webhook.name,
            "kind": webhook.kind,
            "url": webhook.url,
            "active": webhook.active,
        }
