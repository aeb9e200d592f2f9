"""Customer satisfaction: one survey per solve of a ticket, and the customer's answer.

The survey keeps what the ticket was at the solve (its agent, tier, level and the
requester's skill), so a later change to the ticket does not move an old rating between
the reports' groups.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Rating(models.TextChoices):
    GOOD = "good", "Good"
    BAD = "bad", "Bad"


class RatedVia(models.TextChoices):
    EMAIL = "email", "E-mail link"
    PORTAL = "portal", "Portal"
    API = "api", "Contacts' API"


# A comment is a few sentences; longer text is refused with a message (csat.services).
MAX_COMMENT_LENGTH = 2000


class Survey(models.Model):
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="surveys")
    # The "status → solved" event the survey belongs to: one survey per solve.
    solve = models.OneToOneField(
        "desk.TicketEvent", on_delete=models.CASCADE, related_name="survey"
    )
    # Who the solve is credited to: the assignee, else whoever solved it.
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The account's tier ("" without an account), the ticket's level and the requester's
    # skill level at the solve.
    tier = models.CharField(max_length=16, blank=True)
    level = models.CharField(max_length=16, blank=True)
    skill = models.CharField(max_length=16, blank=True)
    solved_at = models.DateTimeField()
    # When the e-mail was queued; None when no e-mail went (history, a solve long ago).
    sent_at = models.DateTimeField(null=True, blank=True)
    rating = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rated_via = models.CharField(max_length=8, choices=RatedVia.choices, blank=True)

    class Meta:
        ordering = ["-solved_at", "-id"]
        indexes = [
            models.Index(fields=["solved_at"], name="survey_solved_at"),
            models.Index(fields=["ticket", "solved_at"], name="survey_ticket_solved"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating="", rated_at__isnull=True)
                | (~models.Q(rating="") & models.Q(rated_at__isnull=False)),
                name="survey_rated_at_with_rating",
            ),
        ]

    def __str__(self) -> str:
        return f"Survey of #{self.ticket_id} solved {self.solved_at:%Y-%m-%d}"
