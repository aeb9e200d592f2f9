"""Hand-offs between regions and the notes agents leave for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class HandoffNote(models.Model):
    """What an agent wants the next region to know; used by the next hand-off of the ticket."""

    ticket = models.ForeignKey(
        "desk.Ticket", on_delete=models.CASCADE, related_name="handoff_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Hand-off note on #{self.ticket_id} by {self.author}"


class Handoff(models.Model):
    """A ticket that crossed from one region to the next at the end of a shift."""

    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="handoffs")
    at = models.DateTimeField(db_index=True)
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_region = models.CharField(max_length=64)
    to_region = models.CharField(max_length=64)
    next_deadline = models.DateTimeField(null=True, blank=True)
    note = models.TextField()
    generated = models.BooleanField(
        default=False, help_text="Summary written by Sunrelay, not the agent"
    )

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return (
            f"#{self.ticket_id} {self.from_region} → {self.to_region} at {self.at:%Y-%m-%d %H:%M}"
        )


# Rotations live in their own module; imported here so Django registers them with this app.
from sunrelay.schedule.rotations.models import (  # noqa: E402, F401
    CalendarFeed,
    Layer,
    Override,
    Participant,
    Restriction,
    Rotation,
    ShiftUnit,
)
