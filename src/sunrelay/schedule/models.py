"""Hand-offs between regions, the notes agents leave for them, and the lead's hand-off cap."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# How many tickets one person holds for colleagues at once unless the lead sets another
# number: a hand-over is work due within the receiver's shift, and about five of those on
# top of their own queue is what one person answers in the first hours (docs/sla.md).
DEFAULT_HANDOVER_CAP = 5
MAX_HANDOVER_CAP = 50


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


class HandoverEnd(models.TextChoices):
    """How a temporary hand-over ended (schedule.holds)."""

    RETURNED = "returned", "Handed back: the owner is on shift again"
    TAKEN_BACK = "taken_back", "Taken back by the owner"
    PASSED_ON = "passed_on", "Handed on to someone else on shift"
    REASSIGNED = "reassigned", "Assigned to someone else"
    CLOSED = "closed", "Closed while handed over"


class Handoff(models.Model):
    """A ticket that crossed from one person to another: at the end of a shift, or by
    "hand off now".

    With an `owner` it is a temporary hand-over ("held" by `to_user` for the owner until the
    owner is on shift again, schedule.holds); open while `ended_at` is empty. Rows from before
    hand-overs existed have no owner: the receiver kept the ticket.
    """

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
    manual = models.BooleanField(default=False, help_text="Handed off now by a person")
    # A deleted owner leaves a plain hand-off: nobody to give the ticket back to.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the owner is on shift again (None: they have no working hours to come back to).
    until = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=HandoverEnd.choices, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["to_user", "ended_at"], name="handoff_holder_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(owner__isnull=False, ended_at__isnull=True),
                name="one_open_handover_per_ticket",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"#{self.ticket_id} {self.from_region} → {self.to_region} at {self.at:%Y-%m-%d %H:%M}"
        )

    @property
    def is_held(self) -> bool:
        """An open temporary hand-over: the receiver holds the ticket for its owner."""
        return self.owner_id is not None and self.ended_at is None


class HandoffSettings(models.Model):
    """The lead's hand-off settings: one row, made with the defaults when first read."""

    handover_cap = models.PositiveSmallIntegerField(
        "tickets one person holds for colleagues at most",
        default=DEFAULT_HANDOVER_CAP,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HANDOVER_CAP)],
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "hand-off settings"

    def __str__(self) -> str:
        return f"Hand-off settings (cap {self.handover_cap})"


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
