"""What the Slack channel stores beside the desk (docs/slack.md): the installation, the shared
channels and their accounts, every request Slack sent (raw, before anything is done with it),
which Slack message mirrors which desk message, Slack's people, and the outgoing Web API calls.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Installation(models.Model):
    """The one Slack workspace this desk is installed in (a single row, pk 1). The token and
    the signing secret are credentials: never logged, shown only by their last characters."""

    bot_token = models.CharField(max_length=255, blank=True)
    signing_secret = models.CharField(max_length=255, blank=True)
    # The emoji name (without colons) whose reaction turns a message into a ticket.
    ticket_reaction = models.CharField(max_length=64, default="ticket")
    # The internal channel where colleagues ask questions of user groups (its id, C…).
    team_channel = models.CharField(max_length=32, blank=True)
    team_id = models.CharField(max_length=32, blank=True)
    bot_user_id = models.CharField(max_length=32, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    check_result = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Slack workspace {self.team_id or '(not checked)'}"


class SharedChannel(models.Model):
    """A Slack channel shared with a customer: its messages are that account's tickets."""

    channel_id = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=80, blank=True)
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="slack_channels"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "channel_id"]

    def __str__(self) -> str:
        return f"#{self.name or self.channel_id}"


class Kind(models.TextChoices):
    EVENT = "event", "Events API"
    INTERACTION = "interaction", "Interaction"


class RawState(models.TextChoices):
    PENDING = "pending", "Waiting to be processed"
    PROCESSED = "processed", "Processed"
    IGNORED = "ignored", "Nothing to do"
    FAILED = "failed", "Failed"


class RawEvent(models.Model):
    """One request from Slack, stored as it came before anything else is done with it."""

    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Slack's event_id (retries repeat it) or, for interactions, the digest of the body.
    dedup_key = models.CharField(max_length=100, unique=True)
    # The request's signature: the same signed request twice is a replay, refused.
    signature = models.CharField(max_length=100, unique=True)
    body = models.TextField()
    received_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=RawState.choices, default=RawState.PENDING)
    outcome = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["state", "claimed_at"], name="slack_raw_state")]

    def __str__(self) -> str:
        return f"{self.kind} {self.dedup_key}"


class SlackUser(models.Model):
    """A person of the workspace (users.info): the contact, or the colleague, they are."""

    user_id = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    contact = models.ForeignKey(
        "accounts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.name or self.user_id


class SlackMessage(models.Model):
    """One Slack message and the desk message that mirrors it (a thread is a ticket)."""

    channel_id = models.CharField(max_length=32)
    ts = models.CharField(max_length=32)
    # The thread's first message (its own ts for a top-level message).
    thread_ts = models.CharField(max_length=32)
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        "desk.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_id = models.CharField(max_length=32, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["channel_id", "ts"]
        constraints = [
            models.UniqueConstraint(fields=["channel_id", "ts"], name="unique_slack_message")
        ]
        indexes = [models.Index(fields=["channel_id", "thread_ts"], name="slack_thread")]

    def __str__(self) -> str:
        return f"{self.channel_id}/{self.ts}"


class CallState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutgoingCall(models.Model):
    """One Web API call to make (a reply in a thread, a confirmation), retried by the worker."""

    method = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    # The desk message it posts: its Slack ts is recorded when Slack answers.
    desk_message = models.ForeignKey(
        "desk.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=8, choices=CallState.choices, default=CallState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="slack_call_due")]

    def __str__(self) -> str:
        return f"{self.method} ({self.state})"


class TeamQuestion(models.Model):
    """A question asked in the team channel of a Slack user group (an internal request to that
    group, e.g. sales-development asking the newer customer engineers), answered in its thread."""

    channel_id = models.CharField(max_length=32)
    ts = models.CharField(max_length=32)
    group_id = models.CharField(max_length=32)
    group_name = models.CharField(max_length=80, blank=True)
    asked_by = models.ForeignKey(
        SlackUser, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    asked_at = models.DateTimeField()
    answers = models.PositiveIntegerField(default=0)
    first_answer_at = models.DateTimeField(null=True, blank=True)
    first_answer_by = models.ForeignKey(
        SlackUser, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["channel_id", "ts"], name="unique_team_question")
        ]

    def __str__(self) -> str:
        return f"Question to {self.group_name or self.group_id} at {self.ts}"


class DirectMessageChoice(models.Model):
    """One kind of notification (notify.models.Kind) a person also gets as a Slack direct
    message; kinds without a row come to the bell (and by e-mail, as notify's preferences say)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_slack_choice_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} by Slack"
