"""Feedback items (a customer's own words about the product), themes that group them, the
clustering's suggested links, share links for product, and the notice sent when a theme ships.

Rules live in feedback.services (writes), feedback.suggestions (clustering), feedback.ranking
(the numbers), feedback.notices (the shipped notice) and feedback.access (who may); these
models only hold rows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

User = settings.AUTH_USER_MODEL


class Importance(models.TextChoices):
    NICE = "nice", "Nice to have"
    IMPORTANT = "important", "Important"
    CRITICAL = "critical", "Critical"


# How much one item weighs in a theme's demand.
WEIGHTS = {Importance.NICE: 1, Importance.IMPORTANT: 2, Importance.CRITICAL: 3}


class Source(models.TextChoices):
    TICKET = "ticket", "Ticket"
    CE_NOTE = "ce_note", "Customer engineer's note"
    API = "api", "API"
    IMPORT = "import", "CSV import"
    DESK = "desk", "Entered on the desk"


class ThemeStatus(models.TextChoices):
    OPEN = "open", "Open"
    PLANNED = "planned", "Planned"
    SHIPPED = "shipped", "Shipped"


class Theme(models.Model):
    name = models.CharField(max_length=120, unique=True)
    product_area = models.ForeignKey(
        "desk.ProductArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=ThemeStatus.choices, default=ThemeStatus.OPEN)
    shipped_at = models.DateTimeField(null=True, blank=True)
    # Optional RICE: reach (people per quarter), impact 0.25-3, confidence %, effort in weeks.
    reach = models.PositiveIntegerField(null=True, blank=True)
    impact = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    effort = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.1)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedbackItem(models.Model):
    quote = models.TextField(help_text="The customer's own words")
    account = models.ForeignKey(
        "accounts.Account", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        "accounts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_area = models.ForeignKey(
        "desk.ProductArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    importance = models.CharField(
        max_length=10, choices=Importance.choices, default=Importance.IMPORTANT
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.DESK)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    linked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["theme", "created_at"], name="feedback_theme_created")]
        constraints = [
            # One item per ticket from the automatic capture; people may add more by hand.
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(source="ticket"),
                name="feedback_one_item_per_ticket",
            )
        ]

    def __str__(self) -> str:
        return self.quote[:60]


class SuggestionState(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class Suggestion(models.Model):
    """The clustering's proposal: link `item` to `theme`, or (theme empty) to a new theme
    called `proposed_name` together with the other items of the same cluster."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="suggestions")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestions"
    )
    proposed_name = models.CharField(max_length=120, blank=True)
    cluster = models.CharField(max_length=40, blank=True)
    similarity = models.FloatField(default=0)
    state = models.CharField(
        max_length=8, choices=SuggestionState.choices, default=SuggestionState.PENDING
    )
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-similarity", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} -> {self.theme_id or self.proposed_name}"


class ShareLink(models.Model):
    """A read-only page of the themes for product, reachable without a log-in."""

    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"share link {self.pk}"


class NoticeState(models.TextChoices):
    DRAFT = "draft", "Draft, to be reviewed"
    SENT = "sent", "Reviewed and queued"


class ShippedNotice(models.Model):
    """The e-mail that tells the contacts behind a shipped theme: drafted from the template,
    read and edited by a lead, then queued in the outbox once per contact."""

    theme = models.OneToOneField(Theme, on_delete=models.CASCADE, related_name="notice")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    state = models.CharField(max_length=8, choices=NoticeState.choices, default=NoticeState.DRAFT)
    drafted_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"notice for {self.theme}"
