"""Issue-tracker bugs linked from tickets, and the notice that tells each requester a bug is
fixed.

Rules live in integrations.trackers (what a link means), integrations.bugs (linking, fixing,
notices) and integrations.access (who may); these models only hold rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Tracker(models.TextChoices):
    GITHUB = "github", "GitHub"
    GITLAB = "gitlab", "GitLab"


class BugState(models.TextChoices):
    OPEN = "open", "Open"
    FIXED = "fixed", "Fixed"


class Bug(models.Model):
    """One issue of a tracker, known because a ticket's bug link points at it."""

    tracker = models.CharField(max_length=8, choices=Tracker.choices)
    host = models.CharField(max_length=200)
    # "owner/repo" on GitHub, "group/subgroup/project" on GitLab.
    project = models.CharField(max_length=300)
    number = models.PositiveIntegerField()
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=8, choices=BugState.choices, default=BugState.OPEN)
    # What fixed it, in words ("Issue closed on GitHub", "Released in v2.4.0").
    fixed_by = models.CharField(max_length=300, blank=True)
    fixed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["state", "-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tracker", "host", "project", "number"], name="one_bug_per_issue"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project}#{self.number}"


class BugLink(models.Model):
    """A ticket whose bug link is this bug (follows Ticket.bug_url; one per ticket)."""

    ticket = models.OneToOneField("desk.Ticket", on_delete=models.CASCADE, related_name="bug_link")
    bug = models.ForeignKey(Bug, on_delete=models.CASCADE, related_name="links")
    linked_at = models.DateTimeField()
    fixed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"ticket {self.ticket_id} -> {self.bug_id}"


class NoticeState(models.TextChoices):
    DRAFT = "draft", "Draft, to be reviewed"
    SENT = "sent", "Sent"
    DISCARDED = "discarded", "Not sent"


class BugNotice(models.Model):
    """The e-mail telling one ticket's requester that the bug they hit is fixed: drafted
    from the template when the bug is fixed, sent after an agent's review (or at once when
    SUNRELAY_BUG_NOTICE_AUTO_SEND is on)."""

    link = models.OneToOneField(BugLink, on_delete=models.CASCADE, related_name="notice")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=NoticeState.choices, default=NoticeState.DRAFT)
    to = models.CharField(max_length=254, blank=True)
    drafted_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"notice for {self.link}"


class WebhookEvent(models.TextChoices):
    """The ticket events an outgoing webhook may subscribe to."""

    CREATED = "ticket.created", "Ticket created"
    REPLIED = "ticket.replied", "Public reply"
    STATUS = "ticket.status", "Status changed"
    ASSIGNED = "ticket.assigned", "Assignee changed"
    SLA_WARNING = "sla.warning", "SLA warning"
    SLA_BREACHED = "sla.breached", "SLA breached"
    HANDED_OFF = "ticket.handed_off", "Handed off"
    # A ticket opened as urgent, or raised to urgent (chat channels' first event).
    URGENT = "ticket.urgent", "Urgent ticket"


class WebhookFormat(models.TextChoices):
    """What a webhook's body is: the signed JSON document, or a chat message."""

    JSON = "json", "Signed JSON"
    SLACK = "slack", "Chat (Slack-compatible incoming webhook)"


class Webhook(models.Model):
    """An outgoing webhook: signed JSON posts of the ticket events it subscribes to, or a chat
    channel (format "slack"): a Slack-compatible message for each, filtered by level and tier."""

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=500)
    # Signs every body (X-Sunrelay-Signature); shown once, when the webhook is created.
    secret = models.CharField(max_length=100)
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    format = models.CharField(
        max_length=8, choices=WebhookFormat.choices, default=WebhookFormat.JSON
    )
    # Only the tickets of these levels (the desk's teams) and account tiers; empty: all.
    levels = models.JSONField(default=list, blank=True)
    tiers = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Delivered"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    """One event posted (or to be posted) to one webhook; retried with backoff by the worker,
    claimed like the mail outbox (lib/leases.py)."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=24, choices=WebhookEvent.choices)
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # X-Sunrelay-Delivery: the same on every attempt, so receivers can drop repeats.
    key = models.CharField(max_length=32, unique=True)
    payload = models.JSONField()
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    resent_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_state_due")]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook_id}"


class LinkKind(models.TextChoices):
    """What a typed link on a ticket points at."""

    LOG_SEARCH = "log_search", "Log search"
    ERROR = "error_tracker", "Error-tracker item"
    DASHBOARD = "dashboard", "Dashboard"


class LinkPattern(models.Model):
    """A team's URL pattern for one kind of link (https://sentry.example.com/issues/{id}):
    an agent gives the id, the pattern makes the URL. Set up by leads."""

    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    pattern = models.CharField(max_length=500)
    # The team (a ticket level) whose tickets offer it; blank: every team.
    level = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["level", "kind", "name", "id"]

    def __str__(self) -> str:
        return self.name


class TicketLink(models.Model):
    """A typed link from a ticket to a log search, an error-tracker item or a dashboard."""

    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="typed_links")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    url = models.URLField(max_length=1000)
    # The id given to a pattern, or the agent's words; shown instead of the URL.
    label = models.CharField(max_length=200, blank=True)
    pattern = models.ForeignKey(
        LinkPattern, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of ticket {self.ticket_id}"


class CrmKind(models.TextChoices):
    ACCOUNT = "account", "Account"
    CONTACT = "contact", "Contact"


class CrmRecord(models.Model):
    """Which account or contact a CRM id is (integrations.crm_accounts): a second import of
    the same export updates them, never duplicates."""

    kind = models.CharField(max_length=8, choices=CrmKind.choices)
    crm_id = models.CharField(max_length=100)
    account = models.OneToOneField(
        "accounts.Account", null=True, blank=True, on_delete=models.CASCADE, related_name="crm"
    )
    contact = models.OneToOneField(
        "accounts.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="crm"
    )
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "crm_id"], name="one_record_per_crm_id")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.crm_id}"
