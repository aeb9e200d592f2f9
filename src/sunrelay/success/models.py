"""Account teams' history, support context notes and support requests.

Context notes and requests are staff material: no customer-facing page, mail or API reads
them (the portal reads desk messages only, desk.visibility).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sunrelay.lib.headers_safe import validate_one_line

MAX_LINE = 200
MAX_LINK = 500
MAX_TEXT = 10_000


class TeamChange(models.Model):
    """One change of an account's team: who became its AE and CE, when, by whom and why.

    The newest row of an account is its team today (the same as Account.ae / .ce, which
    success.teams.pair writes together with it)."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="team_changes"
    )
    ae = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ce = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()
    reason = models.CharField(max_length=MAX_LINE, blank=True, validators=[validate_one_line])

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"Team of {self.account_id} from {self.changed_at:%Y-%m-%d}"


class ContextNote(models.Model):
    """The "Support ticket context" form: what a customer engineer tells support about a
    customer's issue, on a ticket or (before there is one) on the account."""

    account = models.ForeignKey(
        "accounts.Account",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="context_notes",
    )
    ticket = models.ForeignKey(
        "desk.Ticket",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="context_notes",
    )
    customer_name = models.CharField(max_length=MAX_LINE, validators=[validate_one_line])
    issue_link = models.CharField(
        "link to issue", max_length=MAX_LINK, help_text="Chat, tracker or ticket #"
    )
    background = models.TextField(
        "background information or anything that would help", max_length=MAX_TEXT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Context on {self.customer_name}"


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    DONE = "done", "Done"


class SupportRequest(models.Model):
    """The "Support ticket request" form, to the head of support, and its answer."""

    customer_name = models.CharField(max_length=MAX_LINE, validators=[validate_one_line])
    issue_link = models.CharField("link to issue", max_length=MAX_LINK)
    ask = models.TextField("what's the ask", max_length=MAX_TEXT)
    why = models.TextField("why are we making this ask", max_length=MAX_TEXT)
    if_not = models.TextField("what happens if we don't take this action", max_length=MAX_TEXT)
    timing = models.TextField(
        "is there a time consideration, and why", max_length=MAX_TEXT, blank=True
    )
    anything_else = models.TextField(
        "anything else that would help", max_length=MAX_TEXT, blank=True
    )
    account = models.ForeignKey(
        "accounts.Account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW, db_index=True
    )
    answer = models.TextField(max_length=MAX_TEXT, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Request for {self.customer_name}"


class Cadence(models.Model):
    """How often the account's CE is in touch, when they last were and when they plan to be.

    Strategic accounts without a row are on the default cadence (success.cadence)."""

    account = models.OneToOneField(
        "accounts.Account", on_delete=models.CASCADE, related_name="cadence"
    )
    every_days = models.PositiveSmallIntegerField(
        "every (days)", validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    last_touch = models.DateField(null=True, blank=True)
    next_touch = models.DateField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Every {self.every_days} days for {self.account_id}"


class TouchKind(models.TextChoices):
    CALL = "call", "Call"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "E-mail"
    REPLY = "reply", "Reply on a ticket"


class Touch(models.Model):
    """One contact of the account's team with the customer: logged by hand (a call, a meeting,
    an e-mail outside the desk) or seen on the desk (a public reply by the account's AE or CE,
    one row per person and day). The newest one is the cadence's last touch."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="touches"
    )
    kind = models.CharField(max_length=16, choices=TouchKind.choices)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=MAX_LINE, blank=True, validators=[validate_one_line])
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["account", "-on"], name="touch_account_on")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.account_id} on {self.on}"


class Ritual(models.TextChoices):
    OFFICE_HOURS = "office_hours", "Office hours"
    FEEDBACK_REVIEW = "feedback_review", "Weekly feedback-theme review"


class MeetingNote(models.Model):
    """The notes of one meeting of a ritual (one per ritual and day)."""

    ritual = models.CharField(max_length=20, choices=Ritual.choices)
    held_on = models.DateField()
    notes = models.TextField(max_length=MAX_TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["ritual", "held_on"], name="one_note_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.get_ritual_display()} on {self.held_on}"
