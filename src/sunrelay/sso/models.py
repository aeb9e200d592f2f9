"""Who came in from outside: the link between a Sunrelay user and the identity provider's
person (the OpenID subject) or the SCIM client's record of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Source(models.TextChoices):
    OIDC = "oidc", "OpenID Connect log-in"
    SCIM = "scim", "SCIM provisioning"


class Identity(models.Model):
    """One user's outside identity. Created by their first single sign-on or by SCIM."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity"
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    # The provider's `iss` and `sub`: a user is found by them before the e-mail is tried.
    issuer = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    # SCIM's externalId, kept as the client sent it (RFC 7643 §3.1).
    external_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in = models.DateTimeField(null=True, blank=True)
    # SCIM's DELETE: the user is switched off, and SCIM answers 404 for them from then on
    # (RFC 7644 §3.6) until a POST of the same userName brings them back.
    scim_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                condition=~models.Q(subject=""),
                name="unique_sso_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_source_display()})"


class GroupMember(models.Model):
    """A user's membership of a provider group, as SCIM sent it. The group's roles come from
    the group mapping (settings.SSO.group_roles), like the group claim's at sign-in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_groups"
    )
    group = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="unique_sso_group_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"
