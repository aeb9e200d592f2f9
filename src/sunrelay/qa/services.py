"""Changing the Q&A settings: sources and our people's site accounts (views call these)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sunrelay.qa.models import QaSource, SiteUser

SOURCE_ACTIONS = {"import": "imported at the worker's next round", "pause": "paused",
                  "resume": "resumed", "remove": "removed"}  # fmt: skip


def act_on_source(source: QaSource, action: str) -> str:
    """Import soon, pause, resume or remove a source; returns what was done, in words."""
    if action not in SOURCE_ACTIONS:
        raise ValidationError(f"{action!r} is not one of: {', '.join(SOURCE_ACTIONS)}.")
    name = str(source)
    if action == "remove":
        source.delete()  # the tickets it imported stay, and so does the post mapping
    else:
        changes = {"import": {"last_run_at": None, "active": True}, "pause": {"active": False},
                   "resume": {"active": True}}[action]  # fmt: skip
        QaSource.objects.filter(pk=source.pk).update(**changes)
    return f"{name}: {SOURCE_ACTIONS[action]}."


def map_staff(site: str, user_id: int, staff) -> SiteUser:
    """Site user `user_id` is our `staff`: their later answers become public replies."""
    row, _ = SiteUser.objects.update_or_create(
        site=site, user_id=user_id, defaults={"staff": staff}
    )
    return row


def map_staff_off(row: SiteUser) -> None:
    SiteUser.objects.filter(pk=row.pk).update(staff=None)
