"""Tickets, their messages and the append-only event log.

Models hold data only; every change goes through desk.services, which writes the events.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sunrelay.lib.planner import Selective


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    PENDING = "pending", "Pending"
    ON_HOLD = "on_hold", "On hold"
    SOLVED = "solved", "Solved"
    CLOSED = "closed", "Closed"


# Statuses in which the ticket still needs work from us or the customer.
UNSOLVED_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD)


def unsolved() -> Selective:
    """The filter on unsolved tickets, for querysets that list or count them: a few thousand
    of a history of millions, which SQLite's statistics cannot tell (lib/planner.py)."""
    return Selective(models.Q(status__in=UNSOLVED_STATUSES))


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class Level(models.TextChoices):
    L1 = "l1", "L1 support"
    L2 = "l2", "L2 support"
    ENGINEERING = "engineering", "Engineering"


class Cause(models.TextChoices):
    USER_DATA_OR_CODE = "user_data_or_code", "User data or code"
    PRODUCT_BUG = "product_bug", "Product bug"
    QUESTION = "question", "Question"
    FEATURE_REQUEST = "feature_request", "Feature request"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    WEB = "web", "Web form"
    API = "api", "API"
    QA_SITE = "qa_site", "Public Q&A site"
    MAILING_LIST = "mailing_list", "Mailing list"
    PHONE = "phone", "Phone"
    SLACK = "slack", "Slack"


# The limits of a subject and a tag, refused above them everywhere (desk.lifecycle). A
# subject is kept whole: RFC 5322 allows 998 characters a line, and folded longer.
MAX_SUBJECT_LENGTH = 2000
MAX_TAG_LENGTH = 64


class Tag(models.Model):
    name = models.CharField(max_length=MAX_TAG_LENGTH, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProductArea(models.Model):
    """A part of the product customers write about (maps, data, developer tools, accounts):
    articles, feedback and forms are filed under one."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    subject = models.CharField(max_length=MAX_SUBJECT_LENGTH)
    account = models.ForeignKey(
        "accounts.Account", null=True, blank=True, on_delete=models.PROTECT, related_name="tickets"
    )
    requester = models.ForeignKey(
        "accounts.Contact", on_delete=models.PROTECT, related_name="requested_tickets"
    )
    ccs = models.ManyToManyField("accounts.Contact", blank=True, related_name="cc_tickets")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    priority = models.CharField(max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.L1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="tickets")
    cause = models.CharField(max_length=32, choices=Cause.choices, blank=True)
    bug_url = models.URLField("bug link", max_length=500, blank=True)
    interesting = models.BooleanField(
        default=False, help_text="Flagged for the weekly lightning talks"
    )
    # A caller's own identifier (an importer's, the demo's); unique when set.
    external_ref = models.CharField(max_length=100, blank=True)
    # Set when a customer writes on a ticket closed long ago: the new ticket links back.
    follow_up_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    # Merged: this ticket's messages moved to that one, and mail to either threads there.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # Opened from one customer message of another ticket (split).
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="split_off"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    solved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="ticket_status_updated"),
            # The queues, their counts and filters read the unsolved tickets (a few thousand
            # of a history of millions) and only these columns. Covering them keeps SQLite on
            # the index even when its statistics (one status nearly every row) make
            # "status IN (unsolved)" look like most of the table: a filter on a column left
            # out scans every ticket. (A partial index would be smaller, but SQLite cannot
            # match it to a query whose statuses are parameters.) bug_url is empty on most.
            models.Index(
                fields=[
                    "status",
                    "assignee",
                    "level",
                    "priority",
                    "account",
                    "channel",
                    "requester",
                    "bug_url",
                    "updated_at",
                ],
                name="ticket_status_work",
            ),  # fmt: skip
            # Every ticket by last change (solved ones too), a page at a time.
            models.Index(fields=["updated_at", "id"], name="ticket_updated"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_status"),
            models.Index(fields=["account", "status"], name="ticket_account_status"),
            models.Index(fields=["created_at"], name="ticket_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~models.Q(external_ref=""),
                name="unique_ticket_external_ref",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"


class MessageKind(models.TextChoices):
    CUSTOMER = "customer", "Customer message"
    REPLY = "reply", "Public reply"
    NOTE = "note", "Internal note"
    # Received but not written by a person: recorded, never answered.
    AUTO_REPLY = "auto_reply", "Automatic reply"
    BOUNCE = "bounce", "Delivery failure"


# Kinds whose author, if any, is a contact (or nobody, for a mailer daemon's bounce).
INBOUND_KINDS = (MessageKind.CUSTOMER, MessageKind.AUTO_REPLY, MessageKind.BOUNCE)


class Message(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_contact = models.ForeignKey(
        "accounts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body_text = models.TextField()
    # Already sanitised (desk.html.sanitize); safe to render as it is.
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="message_ticket_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=INBOUND_KINDS, author_user__isnull=True)
                | (~models.Q(kind__in=INBOUND_KINDS) & models.Q(author_contact__isnull=True)),
                name="message_author_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on #{self.ticket_id}"

    @property
    def author(self):
        return self.author_contact if self.kind in INBOUND_KINDS else self.author_user


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    RECEIVED = "received", "Customer wrote"
    REPLIED = "replied", "Public reply"
    NOTED = "noted", "Internal note"
    STATUS = "status", "Status"
    PRIORITY = "priority", "Priority"
    LEVEL = "level", "Level"
    ASSIGNEE = "assignee", "Assignee"
    CAUSE = "cause", "Cause"
    BUG_LINK = "bug_link", "Bug link"
    TAGS = "tags", "Tags"
    INTERESTING = "interesting", "Interesting flag"
    SUBJECT = "subject", "Subject"
    ACCOUNT = "account", "Account"
    CCS = "ccs", "CCs"
    AUTO_REPLY = "auto_reply", "Automatic reply received"
    BOUNCED = "bounced", "Reply bounced"
    DELIVERY_FAILED = "delivery_failed", "Reply could not be sent"
    SLA_WARNING = "sla_warning", "SLA warning"
    SLA_BREACHED = "sla_breached", "SLA breached"
    HANDED_OFF = "handed_off", "Handed off"
    HANDED_BACK = "handed_back", "Handed back"
    # Merge and split (desk.services.merging): each side of the link has its event.
    MERGED_INTO = "merged_into", "Merged into another ticket"
    MERGED_FROM = "merged_from", "Another ticket merged in"
    SPLIT_OFF = "split_off", "A message split off"
    SPLIT_FROM = "split_from", "Split from another ticket"
    # Levels and urgent paging (schedule.level_up, paging.services). A raised level keeps its
    # first stored value: the log is append-only and the API shows kinds as stored.
    LEVEL_RAISED = "escalated", "Level raised"
    PAGED = "paged", "Paged"
    NOTIFIED = "notified", "Notified"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    PAGING_ENDED = "paging_ended", "Paging ended"
    # A message changed where it was written (a question or answer edited on a Q&A site):
    # the old text stays in the event, the message shows the new one (desk.services.edits).
    EDITED = "edited", "Message edited by its source"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The ticket event log is append-only.")


class TicketEvent(models.Model):
    """One change to a ticket. Never updated; the source of truth for metrics and audit."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    at = models.DateTimeField()
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_contact = models.ForeignKey(
        "accounts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["ticket", "at"], name="event_ticket_at"),
            models.Index(fields=["kind", "at"], name="event_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on #{self.ticket_id} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The ticket event log is append-only.")
        super().save(*args, **kwargs)


class SavedView(models.Model):
    """A queue's filters and sort under a name: its owner's own, or shared by a lead with
    everyone (desk.saved_views holds the rules)."""

    name = models.CharField(max_length=80)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    shared = models.BooleanField(default=False)
    # A slug of desk.queues.QUEUES, and the queue page's query parameters, cleaned.
    queue = models.CharField(max_length=40)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="unique_view_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Presence(models.Model):
    """Who has a ticket's page open, and what they are writing (desk.presence): stored, so
    every web process sees everyone; a row not refreshed for desk.presence.SEEN_FOR is gone."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()
    # "reply" or "note" while they type one, as of typing_at.
    typing = models.CharField(max_length=8, blank=True)
    typing_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ticket", "user"], name="one_presence_per_viewer")
        ]
        indexes = [models.Index(fields=["ticket", "seen_at"], name="presence_ticket_seen")]

    def __str__(self) -> str:
        return f"{self.user_id} on #{self.ticket_id}"
