"""The customer portal's rows: sign-in links, contacts' API tokens, web-form requests waiting
for their sender's confirmation, form visits (for the deflection figure) and rate-limit hits.

Rows only; the portal's modules hold the rules. Every secret is stored as its SHA-256: a copy
of the database signs nobody in and confirms nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sunrelay.desk.models import MAX_SUBJECT_LENGTH


class Urgency(models.TextChoices):
    """How urgent the customer says a request is; portal.requests maps it to a priority."""

    QUESTION = "question", "A question, no hurry"
    NOT_WORKING = "not_working", "Something does not work as it should"
    BLOCKED = "blocked", "My work is blocked"
    DOWN = "down", "Production is down"


class SignInLink(models.Model):
    """A magic link: whoever holds it may sign in as the contact, once, until it expires."""

    contact = models.ForeignKey("accounts.Contact", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField("SHA-256 of the token", max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"sign-in link for contact {self.contact_id}"


class ContactToken(models.Model):
    """A contact's token for /api/v1/portal/ (not the staff API: api.ApiToken is a user's)."""

    contact = models.ForeignKey(
        "accounts.Contact", on_delete=models.CASCADE, related_name="portal_tokens"
    )
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for")
    prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField("SHA-256 of the token", max_length=64, unique=True)
    # The staff member who issued it; empty when the contact made it in the portal.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "contact API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or 'unnamed'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class FormVisit(models.Model):
    """One visit of the web form that typed a subject: which articles it was shown, whether
    it opened one, and whether it went on to send a request and open a ticket."""

    key = models.CharField(max_length=32, unique=True)  # from the form's signed token
    started_at = models.DateTimeField(db_index=True)
    suggestions_shown = models.PositiveIntegerField(default=0)  # times articles were listed
    articles_opened = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"form visit {self.started_at:%Y-%m-%d %H:%M}"


class WebRequest(models.Model):
    """A web-form request from someone not signed in, kept until its sender confirms the
    address by e-mail (then it becomes a ticket) or the confirmation link expires."""

    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=MAX_SUBJECT_LENGTH)
    body = models.TextField()
    product_area = models.ForeignKey(
        "desk.ProductArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    urgency = models.CharField(max_length=16, choices=Urgency.choices, default=Urgency.NOT_WORKING)
    token_hash = models.CharField("SHA-256 of the token", max_length=64, unique=True)
    visit = models.ForeignKey(
        FormVisit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"web request from {self.email}"


class RequestFile(models.Model):
    """A file sent with a web request, moved to the ticket's first message on confirmation."""

    request = models.ForeignKey(WebRequest, on_delete=models.CASCADE, related_name="files")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=127)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class RateHit(models.Model):
    """One attempt counted against a rate limit (portal.limits). `key` is a keyed hash of the
    address or network, so the table holds no addresses."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="portal_ratehit_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"
