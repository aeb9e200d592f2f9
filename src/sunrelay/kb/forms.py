"""Forms of the knowledge pages. They parse input only; the rules are kb.articles' and
kb.macros'."""

from __future__ import annotations

from django import forms

from sunrelay.desk.models import Level, Priority, ProductArea, Status
from sunrelay.kb.models import Visibility
from sunrelay.team.models import Role

MARKDOWN = forms.Textarea(attrs={"rows": 8, "class": "mono"})


class ArticleForm(forms.Form):
    title = forms.CharField(max_length=200)
    product_area = forms.ModelChoiceField(ProductArea.objects.all(), required=False)
    visibility = forms.ChoiceField(choices=Visibility.choices)
    body = forms.CharField(label="For everyone", widget=MARKDOWN, max_length=100_000)
    beginner = forms.CharField(required=False, widget=MARKDOWN, max_length=100_000,
                               help_text="No SQL, HTML, JS or GIS: where to click.")  # fmt: skip
    intermediate = forms.CharField(required=False, widget=MARKDOWN, max_length=100_000)
    advanced = forms.CharField(required=False, widget=MARKDOWN, max_length=100_000,
                               help_text="Code, queries, the API.")  # fmt: skip
    note = forms.CharField(label="What this version changes", required=False, max_length=200)


class MacroForm(forms.Form):
    name = forms.CharField(max_length=120)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text="Placeholders: {requester_first_name} {ticket_number} {ticket_subject} "
        "{account_name} {agent_first_name} {article:SLUG} …",
    )
    status = forms.ChoiceField(required=False, choices=[("", "Leave as it is"), *Status.choices])
    priority = forms.ChoiceField(
        required=False, choices=[("", "Leave as it is"), *Priority.choices]
    )
    level = forms.ChoiceField(required=False, choices=[("", "Leave as it is"), *Level.choices])
    tags = forms.CharField(required=False, max_length=300, help_text="Added, comma-separated")
    shared = forms.BooleanField(required=False, label="Share (leads)")
    team = forms.ChoiceField(required=False, choices=[("", "Everybody"), *Role.choices])

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {k: data[k] for k in ("status", "priority", "level") if data.get(k)}
        tags = [t for t in (data.get("tags") or "").split(",") if t.strip()]
        if tags:
            changes["tags"] = tags
        return changes

    @staticmethod
    def initial_for(macro) -> dict:
        return {
            "name": macro.name,
            "body": macro.body,
            **{k: macro.changes.get(k, "") for k in ("status", "priority", "level")},
            "tags": ", ".join(macro.changes.get("tags", [])),
            "shared": macro.owner_id is None,
            "team": macro.team,
        }
