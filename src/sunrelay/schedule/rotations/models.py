"""Rotations as stored: layers of participants with their hand-offs and restrictions,
overrides, and secret calendar feeds. rotations.resolve resolves them; schedule.oncall
reads them; schedule.overrides and schedule.feeds write them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sunrelay.lib.timezones import validate_time_zone

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class ShiftUnit(models.TextChoices):
    HOURS = "hours", "Hours"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"


class Rotation(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    time_zone = models.CharField(
        max_length=64, default="UTC", validators=[validate_time_zone], help_text="IANA name"
    )
    # The ticket level this rotation staffs: raising a ticket to it assigns its person on call.
    level = models.CharField(
        max_length=16,
        blank=True,
        choices=[("l2", "L2 support"), ("engineering", "Engineering")],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Layer(models.Model):
    """Participants taking shifts in turn. A layer with a higher position beats lower ones."""

    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="layers")
    position = models.PositiveSmallIntegerField(default=1, help_text="Higher beats lower")
    name = models.CharField(max_length=120, blank=True)
    # Hand-offs and restrictions are read in this zone; empty: the rotation's.
    time_zone = models.CharField(
        max_length=64, blank=True, validators=[validate_time_zone], help_text="Empty: rotation's"
    )
    shift_length = models.PositiveSmallIntegerField(default=1)
    shift_unit = models.CharField(max_length=8, choices=ShiftUnit.choices, default=ShiftUnit.WEEKS)
    handoff_weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=WEEKDAYS, help_text="Weekly shifts hand off on this day"
    )
    handoff_time = models.TimeField(help_text="Local wall-clock time of each hand-off")
    starts_on = models.DateField(help_text="The first hand-off is on or after this local date")
    ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rotation", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rotation", "position"], name="unique_layer_position"),
            models.CheckConstraint(condition=models.Q(shift_length__gte=1), name="layer_length_1"),
        ]

    def __str__(self) -> str:
        return self.name or f"Layer {self.position}"

    @property
    def zone(self) -> str:
        return self.time_zone or self.rotation.time_zone


class Participant(models.Model):
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["layer", "position", "id"]

    def __str__(self) -> str:
        return f"{self.user} in {self.layer}"


class Restriction(models.Model):
    """A weekly window (local time of the layer) outside which the layer covers nothing.

    An end not after the start runs past midnight; end == start is the whole day."""

    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="restrictions")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["layer", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="restriction_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Override(models.Model):
    """Someone takes the rotation over a stretch of time. A later override beats an earlier one."""

    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="overrides")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["rotation", "ends_at"], name="override_rotation_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="override_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.rotation} {self.starts_at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """A secret iCalendar URL for one rotation or one person's shifts. Only the token's hash
    is kept; revoking it stops the URL working."""

    token_hash = models.CharField(max_length=64, unique=True)
    rotation = models.ForeignKey(
        Rotation, null=True, blank=True, on_delete=models.CASCADE, related_name="feeds"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rotation__isnull=True, person__isnull=False)
                | models.Q(rotation__isnull=False, person__isnull=True),
                name="feed_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.rotation or self.person}"
