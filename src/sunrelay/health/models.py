"""Customer health's rows: telemetry as sent and rolled up per day, scorecards and their
measures, alert rules, the scores of each account per day and the alerts they raised."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sunrelay.lib.headers_safe import validate_one_line

MAX_METRIC = 64  # a metric's name, e.g. "api_calls"
MAX_KEY = 100  # a client's idempotency key
MAX_WINDOW_DAYS = 365


class TelemetryEvent(models.Model):
    """One usage figure as a client sent it. The client's key makes a resend a no-op."""

    client_key = models.CharField(max_length=MAX_KEY, unique=True)
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="telemetry"
    )
    metric = models.CharField(max_length=MAX_METRIC)
    value = models.FloatField()
    at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["account", "metric", "at"], name="telemetry_account")]

    def __str__(self) -> str:
        return f"{self.metric}={self.value:g} at {self.at:%Y-%m-%d %H:%M}"


class DailyUsage(models.Model):
    """The sum of one metric's values for one account on one UTC day (kept by telemetry.py)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=MAX_METRIC)
    day = models.DateField()
    total = models.FloatField(default=0)
    events = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "metric", "day"], name="daily_usage_once")
        ]
        # Covers the scoring's "sum of a metric over a window, per account": read in account
        # order straight from the index, no table rows and no sort.
        indexes = [
            models.Index(
                fields=["metric", "account", "day", "total"], name="daily_usage_metric_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric} on {self.day}: {self.total:g}"


class Source(models.TextChoices):
    """Where a measure's value comes from (signals.py computes each)."""

    USAGE = "usage", "Product usage (a telemetry metric, summed over the window)"
    TICKET_VOLUME = "ticket_volume", "Ticket volume against the account's own baseline (%)"
    SLA_BREACHES = "sla_breaches", "SLA breaches"
    REOPEN_RATE = "reopen_rate", "Reopened tickets per solve (%)"
    BUG_TICKETS = "bug_tickets", "Tickets linked to a product bug"
    CSAT = "csat", "Satisfaction: good ratings of all ratings (%)"
    MRR_CHANGE = "mrr_change", "MRR change over the window (%)"
    RENEWAL = "renewal", "Days to the renewal date, counted up to the window"


class Scorecard(models.Model):
    """Measures and bands; the active scorecard with the lowest id scores every account."""

    name = models.CharField(max_length=100, unique=True, validators=[validate_one_line])
    active = models.BooleanField(default=True)
    # Bands on the shown (whole) score: red below yellow_from, green from green_from.
    yellow_from = models.PositiveSmallIntegerField(
        default=51, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    green_from = models.PositiveSmallIntegerField(
        default=76, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    """One input of a scorecard: a value over a window, mapped to points 0–100 linearly
    between `zero_at` (0 points) and `full_at` (100 points), clamped; `zero_at` above
    `full_at` means less is better. Its weight counts relative to the others' (normalised)."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="measures")
    label = models.CharField(max_length=80, validators=[validate_one_line])
    source = models.CharField(max_length=20, choices=Source.choices)
    metric = models.CharField(
        max_length=MAX_METRIC, blank=True, help_text="The telemetry metric (usage only)"
    )
    window_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(MAX_WINDOW_DAYS)]
    )
    zero_at = models.FloatField(help_text="The value that scores 0 points")
    full_at = models.FloatField(help_text="The value that scores 100 points")
    weight = models.PositiveSmallIntegerField(default=10, validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class AlertKind(models.TextChoices):
    BELOW = "below", "Drops below"
    FALLS_BY = "falls_by", "Falls by"


class AlertRule(models.Model):
    """ "Drops below 70" (threshold) or "falls by 15 in 30 days" (threshold, days)."""

    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    threshold = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(MAX_WINDOW_DAYS)]
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        if self.kind == AlertKind.BELOW:
            return f"drops below {self.threshold}"
        return f"falls by {self.threshold} in {self.days} days"


class Band(models.TextChoices):
    RED = "red", "Red"
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"


class HealthScore(models.Model):
    """An account's score on a day, with every measure's part as it was then (`parts`: a
    list of {measure, label, source, value, points, weight}, value null when unknown) and the
    account's MRR that day (for the MRR change measure)."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="health_scores"
    )
    day = models.DateField()
    score = models.DecimalField(max_digits=4, decimal_places=1)
    shown = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=8, choices=Band.choices)
    parts = models.JSONField(default=list)
    mrr = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["account", "day"], name="health_score_once_a_day")
        ]
        indexes = [models.Index(fields=["day", "band"], name="health_score_day_band")]

    def __str__(self) -> str:
        return f"{self.shown} ({self.band}) on {self.day}"


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class HealthAlert(models.Model):
    """A task for the account's customer engineer, raised by a rule on a score."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="health_alerts"
    )
    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="alerts")
    score = models.ForeignKey(HealthScore, on_delete=models.CASCADE, related_name="alerts")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="health_alerts",
    )
    text = models.CharField(max_length=300)
    status = models.CharField(max_length=8, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["account", "status"], name="health_alert_account")]

    def __str__(self) -> str:
        return self.text
