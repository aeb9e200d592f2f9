"""Business calendars, SLA policies and each ticket's computed SLA state."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sunrelay.lib.timezones import validate_time_zone
from sunrelay.sla.clock import Metric, State

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class Calendar(models.Model):
    """Working hours of a region, a team or an account, in its own time zone."""

    name = models.CharField(max_length=100, unique=True)
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.time_zone})"


class CalendarInterval(models.Model):
    """Local wall-clock working time; an end not after the start runs past midnight."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="intervals")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Holiday(models.Model):
    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField()
    name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="unique_holiday_per_calendar")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Policy(models.Model):
    """The first active policy by position whose conditions all match applies to a ticket.

    An empty condition list matches anything; tags match when the ticket has any of them.
    """

    position = models.PositiveIntegerField(default=100)
    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    tiers = models.JSONField(default=list, blank=True)
    priorities = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)
    calendar = models.ForeignKey(
        Calendar,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Business-minute targets count on this calendar (the account's own calendar wins)",
    )
    warn_share = models.FloatField(
        default=0.75,
        validators=[MinValueValidator(0.05), MaxValueValidator(1.0)],
        help_text="Share of the target elapsed when a warning is raised",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(
        max_length=20, choices=[(m.value, m.value.replace("_", " ")) for m in Metric]
    )
    minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    business = models.BooleanField(
        default=True, help_text="Business minutes (else calendar minutes)"
    )

    class Meta:
        ordering = ["policy", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "metric"], name="one_target_per_metric")
        ]

    def __str__(self) -> str:
        kind = "business" if self.business else "calendar"
        return f"{self.metric}: {self.minutes} {kind} min"


class TicketSla(models.Model):
    """The computed state of one target on one ticket; rebuilt from the event log."""

    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="slas")
    metric = models.CharField(max_length=20, choices=[(m.value, m.value) for m in Metric])
    policy = models.ForeignKey(Policy, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=[(s.value, s.value) for s in State])
    target_minutes = models.PositiveIntegerField()
    business = models.BooleanField(default=True)
    elapsed_minutes = models.FloatField()
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()
    # The cycle (by its start) for which the warning / breach event was written, so each
    # is written once.
    warned_cycle = models.DateTimeField(null=True, blank=True)
    breached_cycle = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ticket", "metric"], name="one_sla_per_ticket_metric")
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="ticketsla_state_deadline"),
            models.Index(fields=["state", "warn_at"], name="ticketsla_state_warn"),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.metric} {self.state}"


class TicketUrgency(models.Model):
    """Where a ticket sits in "most urgent first", with the reasons, rebuilt with its SLAs.

    urgency_at is the ticket's next deadline moved earlier by credits for priority, tier,
    strategic flag and MRR (sunrelay.sla.urgency): a fixed shift, so the order does not
    depend on when it is read and the queue sorts on one indexed column.
    """

    ticket = models.OneToOneField(
        "desk.Ticket", on_delete=models.CASCADE, primary_key=True, related_name="urgency"
    )
    urgency_at = models.DateTimeField(db_index=True)
    next_deadline = models.DateTimeField(null=True, blank=True)
    next_metric = models.CharField(max_length=20, blank=True)
    reasons = models.JSONField(default=list)
    config_version = models.CharField(max_length=16, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"#{self.ticket_id} urgency {self.urgency_at:%Y-%m-%d %H:%M}"


class ConfigVersion(models.Model):
    """One row whose token changes with every change to calendars and policies (sla.config).

    A random token rather than a counter or a timestamp: a rolled-back change or two edits
    within one clock tick can never make a stale cached configuration look current.
    """

    token = models.CharField(max_length=16)

    def __str__(self) -> str:
        return self.token
