"""The qualification checklist a team starts with (BANT); leads change it in the admin."""

from __future__ import annotations

DEFAULT = [
    ("budget", "Budget", "The customer has money set aside for this."),
    ("authority", "Authority", "We know who decides and they are involved."),
    ("need", "Need", "The problem we solve is theirs and it hurts."),
    ("timeline", "Timeline", "They have a date to decide by."),
]


def ensure_defaults(item_model=None) -> None:
    """Adds the default items a database lacks (a new one, or one emptied since its
    migrations ran); items a team changed or switched off stay as they are. The migration
    passes its historical model."""
    if item_model is None:
        from sunrelay.presales.models import QualificationItem as item_model
    for position, (key, label, help_text) in enumerate(DEFAULT, start=1):
        item_model.objects.get_or_create(
            key=key, defaults={"label": label, "help": help_text, "position": position}
        )
