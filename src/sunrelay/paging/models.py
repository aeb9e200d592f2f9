"""Escalation policies, the paging runs that follow them, and every notification sent.

A run is claimed by one worker at a time (claimed_at + claim_token, expiring after a lease);
each notification has a unique key per run, pass, step and target, so a step re-run after a
crash skips the notifications already recorded.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class StepKind(models.TextChoices):
    NOTIFY_ON_CALL = "notify_on_call", "Notify whoever is on call in a rotation"
    NOTIFY_PEOPLE = "notify_people", "Notify named people"
    NOTIFY_WEBHOOK = "notify_webhook", "Post to a webhook"
    WAIT = "wait", "Wait"


class EscalationPolicy(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # After the last step, run the steps again up to this many times (until acknowledged).
    repeat_times = models.PositiveSmallIntegerField(default=0)
    is_default = models.BooleanField(default=False, help_text="Used for every page")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "escalation policies"

    def __str__(self) -> str:
        return self.name


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookKind(models.TextChoices):
    SLACK = "slack", "Chat (Slack-compatible incoming webhook)"
    JSON = "json", "JSON, signed with HMAC-SHA256"


class Webhook(models.Model):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=8, choices=WebhookKind.choices, default=WebhookKind.SLACK)
    url = models.URLField(max_length=500)
    # Shared with the receiver of JSON webhooks, who checks X-Sunrelay-Signature with it.
    secret = models.CharField(max_length=100, default=new_secret)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EscalationStep(models.Model):
    policy = models.ForeignKey(EscalationPolicy, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=StepKind.choices)
    rotation = models.ForeignKey(
        "schedule.Rotation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    webhook = models.ForeignKey(
        Webhook, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    wait_minutes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["policy", "position", "id"]

    def __str__(self) -> str:
        if self.kind == StepKind.WAIT:
            return f"Wait {self.wait_minutes} min"
        if self.kind == StepKind.NOTIFY_ON_CALL:
            return f"Notify on call in {self.rotation}"
        if self.kind == StepKind.NOTIFY_WEBHOOK:
            return f"Post to {self.webhook}"
        return "Notify named people"


class RunState(models.TextChoices):
    PENDING = "pending", "Requested by a rule, starting"
    ACTIVE = "active", "Paging"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    EXHAUSTED = "exhausted", "Nobody acknowledged"
    CANCELLED = "cancelled", "Stopped: ticket solved"


OPEN_STATES = (RunState.PENDING, RunState.ACTIVE)


class Source(models.TextChoices):
    AGENT = "agent", "Agent decision"
    API = "api", "API"
    KEYWORDS = "keywords", "Rule: urgent words from an enterprise or partner customer"
    SLA_BREACH = "sla_breach", "Rule: SLA breached"


class AckVia(models.TextChoices):
    LINK = "link", "the link in the notification"
    PAGE = "page", "the ticket page"
    API = "api", "the API"


class PagingRun(models.Model):
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="paging_runs")
    policy = models.ForeignKey(EscalationPolicy, on_delete=models.PROTECT, related_name="runs")
    state = models.CharField(max_length=16, choices=RunState.choices, default=RunState.PENDING)
    source = models.CharField(max_length=16, choices=Source.choices)
    reason = models.CharField(max_length=500)
    paged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    # The next step to run (0-based) in the current pass (0 = first time through).
    step_index = models.PositiveIntegerField(default=0)
    pass_number = models.PositiveIntegerField(default=0)
    next_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_via = models.CharField(max_length=8, choices=AckVia.choices, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_at"], name="paging_run_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(state__in=["pending", "active"]),
                name="one_open_run_per_ticket",
            ),
        ]

    def __str__(self) -> str:
        return f"Paging #{self.pk} for ticket #{self.ticket_id} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SLACK = "slack", "Chat webhook"
    JSON = "json", "JSON webhook"
    NONE = "none", "Nobody to notify"


class NotificationState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Nobody to notify"


class PagingNotification(models.Model):
    run = models.ForeignKey(PagingRun, on_delete=models.CASCADE, related_name="notifications")
    # run/pass/step/channel:target: a step run twice cannot notify the same target twice.
    key = models.CharField(max_length=200, unique=True)
    pass_number = models.PositiveIntegerField()
    step_index = models.PositiveIntegerField()
    channel = models.CharField(max_length=8, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    webhook = models.ForeignKey(
        Webhook, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    target = models.CharField(max_length=300)
    state = models.CharField(max_length=8, choices=NotificationState.choices)
    outbox = models.ForeignKey(
        "mail.Outbox", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="paging_notification_due")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.target} ({self.state})"
