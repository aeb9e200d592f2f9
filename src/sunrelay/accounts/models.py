"""Customer organisations and the people who write to us from them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from sunrelay.accounts.domains import validate_account_domain
from sunrelay.lib.headers_safe import validate_one_line
from sunrelay.lib.timezones import validate_time_zone


class Tier(models.TextChoices):
    FREE = "free", "Free"
    BASIC = "basic", "Basic"
    PRO = "pro", "Pro"
    ENTERPRISE = "enterprise", "Enterprise"
    PARTNER = "partner", "Partner"


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Account(models.Model):
    name = models.CharField(max_length=200, unique=True, validators=[validate_one_line])
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.FREE, db_index=True)
    mrr = models.DecimalField(
        "monthly recurring revenue",
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    strategic = models.BooleanField(default=False, db_index=True)
    renewal_on = models.DateField(
        "renewal date",
        null=True,
        blank=True,
        help_text="When the contract comes up for renewal; customer health counts the days to it",
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    ae = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account executive",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ae_accounts",
    )
    ce = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="customer engineer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ce_accounts",
    )
    business_calendar = models.ForeignKey(
        "sla.Calendar",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
        help_text="The account's own business hours for SLAs; empty = the policy's calendar",
    )
    portal_shares_tickets = models.BooleanField(
        default=False,
        help_text="Its contacts see all of the account's tickets in the customer portal, "
        "not only their own",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AccountDomain(models.Model):
    """An e-mail domain whose senders belong to the account (lower case, no @)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, validators=[validate_account_domain])

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


class Contact(models.Model):
    name = models.CharField(max_length=200, blank=True, validators=[validate_one_line])
    email = models.EmailField(max_length=254)
    skill = models.CharField(
        "skill level", max_length=16, choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )
    account = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_contact_email_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email
