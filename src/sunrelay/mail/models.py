"""What the e-mail channel stores beside the desk: raw mail, Message-IDs, attachments, outbox.

Raw inbound mail is stored before anything else happens to it and is never deleted while a
ticket may need it; only discarded mail is purged after the retention period. The bytes of raw
mail and attachments are files in the mail storage (sunrelay.mail.files); rows keep their
name, size and SHA-256.
"""

from __future__ import annotations

from django.db import models


class Source(models.TextChoices):
    SMTP = "smtp", "SMTP listener"
    IMAP = "imap", "IMAP mailbox"
    IMPORT = "import", "Import"
    PIPE = "pipe", "Piped by the mail server"


# Mail arriving now (as opposed to an archive being imported): counted by arrival time,
# acknowledged when acknowledgements are on.
LIVE_SOURCES = (Source.SMTP, Source.IMAP, Source.PIPE)


class RawState(models.TextChoices):
    PENDING = "pending", "Waiting to be processed"
    PROCESSED = "processed", "Processed"
    QUARANTINED = "quarantined", "Quarantined"
    DISCARDED = "discarded", "Discarded"


class Outcome(models.TextChoices):
    CREATED = "created", "New ticket"
    THREADED = "threaded", "Added to a ticket"
    DUPLICATE = "duplicate", "Duplicate"
    AUTO_REPLY = "auto_reply", "Automatic reply"
    BOUNCE = "bounce", "Bounce"
    QUARANTINED = "quarantined", "Quarantined"


class RawMessage(models.Model):
    """One message as it arrived, byte for byte (the bytes: mail.files.raw_of)."""

    # The file holding the bytes in the mail storage; empty only while migration 0008 moves
    # bytes stored in the database before.
    storage_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    # The same message delivered twice cannot be stored twice: same Message-ID and content,
    # or the same bytes when there is no Message-ID (sunrelay.mail.dedup).
    dedup_key = models.CharField(max_length=80, unique=True)
    message_id = models.TextField(blank=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    envelope_from = models.CharField(max_length=254, blank=True)
    envelope_to = models.TextField(blank=True)  # comma-separated SMTP recipients
    sender = models.CharField(max_length=254, blank=True)  # lower-case From address
    subject = models.TextField(blank=True)
    received_at = models.DateTimeField()
    # When the loop breaker counts it: arrival for live mail, the Date header for imports.
    dated_at = models.DateTimeField()
    state = models.CharField(max_length=12, choices=RawState.choices, default=RawState.PENDING)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    reason = models.TextField(blank=True)
    # A processor holds the row while claimed_at is younger than the lease.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    desk_message = models.ForeignKey(
        "desk.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set by an archive import of a list (`mail import --list`): a post of that list.
    mailing_list = models.ForeignKey(
        "MailingList", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["state", "claimed_at"], name="raw_state_claimed"),
            models.Index(fields=["sender", "dated_at"], name="raw_sender_dated"),
        ]

    def __str__(self) -> str:
        return f"{self.sender or 'unknown sender'}: {self.subject or '(no subject)'}"


class Direction(models.TextChoices):
    IN = "in", "Received"
    OUT = "out", "Sent"


class MailMessageId(models.Model):
    """A Message-ID we received or sent, and the desk message it belongs to (for threading)."""

    message_id = models.CharField(max_length=998, unique=True)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    desk_message = models.ForeignKey("desk.Message", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return self.message_id


class Attachment(models.Model):
    """A file of a message (the bytes: mail.files.content_of), committed with the message."""

    message = models.ForeignKey(
        "desk.Message", on_delete=models.CASCADE, related_name="mail_attachments"
    )
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=127)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content_id = models.CharField(max_length=255, blank=True)  # for cid: links in HTML
    inline = models.BooleanField(default=False)
    storage_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class OutboxKind(models.TextChoices):
    REPLY = "reply", "Public reply"
    ACKNOWLEDGEMENT = "ack", "Acknowledgement"
    # Mail that is not part of a customer's ticket thread (ticket may be empty).
    NOTIFICATION = "notify", "Staff notification"
    NOTICE = "notice", "Notice to customers"
    REPORT = "report", "Scheduled report"


class OutboxState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    # Failed, and staff decided it will not be sent (see mail.outbox.discard).
    DISCARDED = "discarded", "Discarded"


class Outbox(models.Model):
    """One outgoing e-mail. Its headers are fixed when queued so every retry is identical."""

    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    desk_message = models.ForeignKey(
        "desk.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=OutboxKind.choices, default=OutboxKind.REPLY)
    from_address = models.CharField(max_length=254)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    # The ticket's CCs past SUNRELAY_MAX_CC: recorded on the ticket, not copied on this mail.
    not_copied = models.JSONField(default=list, blank=True)
    subject = models.TextField()
    message_id = models.CharField(max_length=998, unique=True)
    in_reply_to = models.CharField(max_length=998, blank=True)
    references = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=OutboxState.choices, default=OutboxState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(blank=True)
    refused = models.JSONField(default=dict, blank=True)  # recipient -> SMTP answer
    # The body of mail that is not a ticket message (notifications, notices, reports).
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    bounce_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "outbox"
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on #{self.ticket_id} ({self.state})"


class MailingList(models.Model):
    """A discussion list the support address is subscribed to: the mailing-list channel.

    A post is the list's when its List-Id or posting address (List-Post) is this list's, or,
    for lists that add neither (and archives that lost them), when it is addressed to it.
    """

    name = models.CharField(max_length=100, unique=True)
    address = models.EmailField(
        "posting address", max_length=254, unique=True, help_text="Where members post."
    )
    list_id = models.CharField(
        "List-Id",
        max_length=255,
        blank=True,
        help_text="The identifier in its List-Id header, e.g. gis-users.lists.example.org.",
    )
    reply_to_list = models.BooleanField(
        "replies go to the list",
        default=False,
        help_text="The reply form's choice to start with; an agent may still answer privately.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>"


class ListThread(models.Model):
    """A mailing-list ticket: the list it came through and its topic (threading by subject
    within one list, for posts whose References were lost: mail.listposts)."""

    ticket = models.OneToOneField("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    mailing_list = models.ForeignKey(
        MailingList, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    address = models.CharField(max_length=254)  # the list's posting address, lower-case
    list_id = models.CharField(max_length=255, blank=True)
    topic = models.CharField(max_length=300)

    class Meta:
        indexes = [
            models.Index(fields=["address", "topic"], name="listthread_address_topic"),
            models.Index(fields=["list_id", "topic"], name="listthread_listid_topic"),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} on {self.address}"
