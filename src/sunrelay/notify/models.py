"""Notifications for staff (the bell, the notifications page, e-mail) and each person's
choice of how they hear of each kind. notify.rules decides who hears of what."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    CUSTOMER_WROTE = "customer_wrote", "A customer wrote on a ticket assigned to me"
    ASSIGNED = "assigned", "A ticket was assigned to me"
    MENTIONED = "mentioned", "I was @mentioned in a note"
    SLA_BREACHED = "sla_breached", "An SLA target was breached on a ticket assigned to me"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # One line, written when the notification is made: "Keisha Thompson mentioned you: …".
    text = models.CharField(max_length=300)
    # What it is about ("event:4123", "breach:first_reply:2026-…"): one notification per
    # person, kind and key, however often the signal that made it is sent.
    key = models.CharField(max_length=80)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="one_notification_per_cause"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient_id} on #{self.ticket_id}"


class Preference(models.Model):
    """How a person hears of one kind: in the app always, by e-mail when `by_email`. A kind
    without a row is in the app only (notify.preferences.DEFAULT_BY_EMAIL)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    by_email = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} {'by e-mail' if self.by_email else 'in the app'}"
